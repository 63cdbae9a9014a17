// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Character counter for long text answers.
    document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
        var max = parseInt(area.getAttribute("maxlength"), 10);
        var counter = document.createElement("p");
        counter.className = "char-count";
        counter.setAttribute("aria-live", "polite");
        area.insertAdjacentElement("afterend", counter);
        function update() { counter.textContent = area.value.length + " of " + max + " characters"; }
        area.addEventListener("input", update);
        update();
    });

    // Copy a link from a read-only field.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
        var field = document.getElementById(button.getAttribute("data-copy"));
        if (!field) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var done = function () { button.textContent = "Copied"; };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
            } else {
                field.select();
                document.execCommand("copy");
                done();
            }
        });
    });

    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
    });

    // Bring the error summary into view and focus so screen readers announce it.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
})();
