// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Character counter for long text answers.
    document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
        // No maxlength on the field (it would cut a paste silently): the counter says when the text is too long.
        var max = parseInt(area.getAttribute("data-max"), 10);
        var counter = document.createElement("p");
        counter.className = "char-count";
        counter.setAttribute("aria-live", "polite");
        area.insertAdjacentElement("afterend", counter);
        function update() {
            var over = area.value.length - max;
            counter.textContent = area.value.length + " of " + max + " characters" + (over > 0 ? ": " + over + " too many" : "");
            counter.classList.toggle("char-count-over", over > 0);
        }
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

    // Questions that apply only given another answer (data-applies-when holds the condition as rule-set JSON): hidden,
    // and their inputs disabled so nothing is posted for them, while they do not apply. Without this script they stay
    // visible and are simply not required. Only equals, oneOf, not, all and any are followed; anything else shows them.
    // Razor always writes data-* attributes, so a question that always applies carries an empty one.
    var conditional = document.querySelectorAll("[data-applies-when]:not([data-applies-when=''])");
    function answerOf(id) {
        var checked = document.querySelector("input[type=radio][name$='[" + id + "]']:checked");
        if (checked) { return checked.value; }
        var field = document.querySelector("[name$='[" + id + "]']:not([type=radio])");
        return field && field.value !== "" ? field.value : null;
    }
    function holds(condition) {
        if (condition.all) { return condition.all.every(holds); }
        if (condition.any) { return condition.any.some(holds); }
        if (condition.not) { return !holds(condition.not); }
        var value = answerOf(condition.question);
        if (value === null) { return false; }
        if ("equals" in condition) { return String(condition.equals) === value; }
        if (condition.oneOf) { return condition.oneOf.map(String).indexOf(value) >= 0; }
        return true;
    }
    function settle() {
        conditional.forEach(function (question) {
            var applies = holds(JSON.parse(question.getAttribute("data-applies-when")));
            question.hidden = !applies;
            question.querySelectorAll("input, select, textarea").forEach(function (input) { input.disabled = !applies; });
        });
    }
    if (conditional.length > 0) {
        document.querySelectorAll("form.questionnaire input, form.questionnaire select").forEach(function (input) {
            input.addEventListener("change", settle);
        });
        settle();
    }

    // Bring the error summary into view and focus so screen readers announce it.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
})();
