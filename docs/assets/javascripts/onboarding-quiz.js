/* A path page's knowledge check (handbook/site/templates/quiz.md.j2): choosing an answer says right or wrong,
   and a wrong one shows the link to the page that explains it.  Nothing is stored or sent. */
(function () {
  "use strict";
  function setup() {
    document.querySelectorAll("[data-hb-quiz] fieldset[data-hb-answer]").forEach(function (question) {
      question.addEventListener("change", function (e) {
        if (!e.target.matches("input[type=radio]")) return;
        var right = e.target.value === question.dataset.hbAnswer;
        question.classList.toggle("hb-right", right);
        question.classList.toggle("hb-wrong", !right);
        question.querySelector(".hb-quiz-right").hidden = !right;
        question.querySelector(".hb-quiz-wrong").hidden = right;
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
