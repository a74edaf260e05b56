/* Draws the findings on a Leaflet map. The data comes from the JSON block that the page
   renders with json_script; without this script (or without tiles) the table below the map
   still lists every finding with its status. Findings at the same point share one marker
   whose popup lists them all. */
(function () {
  "use strict";
  var holder = document.getElementById("findings-map");
  var source = document.getElementById("findings-data");
  if (!holder || !source || typeof window.L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.points.length) {
    return;
  }
  // The marker colour follows the finding that most needs attention.
  var rank = { open: 0, forwarded: 1, wont_fix: 2, fixed: 3 };
  var groups = {};
  var order = [];
  data.points.forEach(function (point) {
    var key = point.lat.toFixed(6) + "," + point.lon.toFixed(6);
    if (!groups[key]) {
      groups[key] = [];
      order.push(key);
    }
    groups[key].push(point);
  });

  holder.hidden = false;
  var legend = document.getElementById("findings-map-legend");
  if (legend) {
    legend.hidden = false;
  }
  var map = L.map(holder, { scrollWheelZoom: false });
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
  }
  // The view must be set before markers are added, so that each marker has its element.
  // The padding keeps every marker clear of the zoom buttons (top left) and the attribution
  // (bottom right), which would otherwise cover the markers nearest the edges.
  map.fitBounds(
    order.map(function (key) { return [groups[key][0].lat, groups[key][0].lon]; }),
    { paddingTopLeft: [64, 88], paddingBottomRight: [40, 40], maxZoom: 16 }
  );
  order.forEach(function (key) {
    var points = groups[key];
    points.sort(function (a, b) { return rank[a.status] - rank[b.status]; });
    var first = points[0];
    var label = points.map(function (p) { return p.category + " – " + p.status_label; }).join("; ");
    var badge = points.length > 1 ? String(points.length) : "";
    var icon = L.divIcon({
      className: "",
      html: '<span class="map-marker map-marker-' + first.status + '">' + badge + "</span>",
      iconSize: [20, 20],
    });
    // The visible count must be part of the name (WCAG 2.5.3, label in name).
    var name = (badge ? badge + " × " : "") + first.place + ": " + label;
    var marker = L.marker([first.lat, first.lon], { icon: icon, title: name }).addTo(map);
    // Without it the count inside the marker would be the button's whole name.
    marker.getElement().setAttribute("aria-label", name);
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-0";
    points.forEach(function (point) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "../" + point.id + "/";
      link.textContent = point.category + ", " + point.place;
      item.appendChild(link);
      item.appendChild(document.createTextNode(
        ": " + point.status_label + (point.overdue ? " (" + data.overdue_label + ")" : "")
      ));
      list.appendChild(item);
    });
    marker.bindPopup(list);
  });
})();
