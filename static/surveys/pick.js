/* Lets the coordinator set a finding's point by clicking a map. Only offered when a tile
   server is configured (a blank map gives nothing to aim at); the latitude and longitude
   fields work the same without it. */
(function () {
  "use strict";
  var holder = document.getElementById("point-map");
  var source = document.getElementById("point-data");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  if (!holder || !source || !lat || !lon || typeof window.L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.tiles || !data.center) {
    return;
  }
  holder.hidden = false;
  var hint = document.getElementById("point-map-hint");
  if (hint) {
    hint.hidden = false;
  }
  var map = L.map(holder, { scrollWheelZoom: false }).setView(data.center, 15);
  L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || "" }).addTo(map);
  var marker = null;

  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.circleMarker(latlng, { radius: 8, color: "#a4161a", weight: 3 }).addTo(map);
    }
  }
  if (lat.value && lon.value) {
    place([parseFloat(lat.value), parseFloat(lon.value)]);
  }
  map.on("click", function (event) {
    lat.value = event.latlng.lat.toFixed(6);
    lon.value = event.latlng.lng.toFixed(6);
    place(event.latlng);
  });
})();
