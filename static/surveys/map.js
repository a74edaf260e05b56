/* Draws the findings on a Leaflet map. The data comes from the JSON block that the page
   renders with json_script; without this script (or without tiles) the table below the map
   still lists every finding with its status. */
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
  holder.hidden = false;
  var map = L.map(holder, { scrollWheelZoom: false });
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
  }
  var bounds = [];
  data.points.forEach(function (point) {
    var icon = L.divIcon({
      className: "",
      html: '<span class="map-marker map-marker-' + point.status + '"></span>',
      iconSize: [18, 18],
    });
    var marker = L.marker([point.lat, point.lon], {
      icon: icon,
      title: point.category + " – " + point.status_label,
      alt: point.category + " – " + point.status_label,
    }).addTo(map);
    var text = document.createElement("div");
    var link = document.createElement("a");
    link.href = "../" + point.id + "/";
    link.textContent = point.category + ", " + point.place;
    text.appendChild(link);
    text.appendChild(document.createElement("br"));
    text.appendChild(document.createTextNode(point.status_label + (point.overdue ? " (" + data.overdue_label + ")" : "")));
    marker.bindPopup(text);
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
})();
