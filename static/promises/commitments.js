// "Lägg till rad" adds an empty commitment row in place instead of posting the form back.
// Without JavaScript the button posts the form and the server shows it again with a new row.
(function () {
  "use strict";
  var button = document.querySelector("[data-add-row]");
  var rows = document.getElementById("commitment-rows");
  var template = document.getElementById("commitment-row-template");
  if (!button || !rows || !template) {
    return;
  }
  var total = document.getElementById("id_" + rows.dataset.prefix + "-TOTAL_FORMS");
  var max = document.getElementById("id_" + rows.dataset.prefix + "-MAX_NUM_FORMS");
  button.addEventListener("click", function (event) {
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) {
      return; // let the server say that there are too many rows
    }
    event.preventDefault();
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild;
    var first = added.querySelector("select, input:not([type=hidden]), textarea");
    if (first) {
      first.focus();
    }
  });
})();
