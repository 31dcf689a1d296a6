/* pam site search: filters the prebuilt index (search-index.js) as one types. Without script,
   the form opens the page listing every project and action. */
(function () {
  var form = document.getElementById("search"), list = window.PAM_INDEX;
  if (!form || !list) return;
  var input = form.querySelector("input"), out = document.getElementById("search-results");
  var fr = document.documentElement.lang === "fr", base = form.getAttribute("data-base");
  function norm(s) {
    return (s || "").toLowerCase().replace(/[\u064b-\u0652\u0640]/g, "")
      .replace(/[\u0623\u0625\u0622]/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647");
  }
  input.addEventListener("input", function () {
    var q = norm(input.value.trim()), found = 0;
    out.textContent = "";
    if (q.length < 2) return;
    for (var i = 0; i < list.length && found < 20; i++) {
      var e = list[i];
      if (norm(e[0]).indexOf(q) < 0 && norm(e[2]).indexOf(q) < 0 && norm(e[3]).indexOf(q) < 0) continue;
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = base + e[1];
      a.textContent = e[0] + " · " + ((fr && e[3]) || e[2]);
      a.dir = "auto";
      li.appendChild(a); out.appendChild(li); found++;
    }
    if (!found) { var none = document.createElement("li"); none.textContent = form.getAttribute("data-none"); out.appendChild(none); }
  });
})();
