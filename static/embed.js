/* brief — embedded videos for the default theme. No dependencies.
 *
 * A YouTube or Vimeo video is written as a placeholder: its thumbnail (if the editor gave one), a
 * link to the video on its site, and a hidden "Play here" button; nothing is loaded from the
 * video's site. This script shows the buttons, and a click replaces the placeholder with the
 * player (YouTube's no-cookie domain, Vimeo with do-not-track), which starts playing. It is a file
 * of its own, not inline script, so a Content-Security-Policy without 'unsafe-inline' allows it
 * (the player's origin needs frame-src).
 */
(function () {
  "use strict";

  function play(placeholder) {
    var frame = document.createElement("iframe");
    frame.src = placeholder.getAttribute("data-embed-player");
    frame.title = placeholder.getAttribute("data-embed-title") || "Video";
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "embed-player";
    placeholder.replaceChildren(frame);
    placeholder.classList.add("embed-playing");
    frame.focus();
  }

  document.querySelectorAll(".embed[data-embed-player]").forEach(function (placeholder) {
    var button = placeholder.querySelector(".embed-play");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      play(placeholder);
    });
  });
})();
