// Every date field (isoplan/dates.py: data-datepicker) gets vanillajs-datepicker: dd/mm/yyyy in
// every browser and language, typed or picked with the mouse or the keyboard (arrows move the day,
// Enter picks it, Escape closes). Also in the rows htmx swaps in (htmx:load).
(() => {
  const language = document.documentElement.lang === "vi" ? "vi" : "en";
  function attach(root) {
    const scope = root && root.querySelectorAll ? root : document;
    const inputs = scope.matches && scope.matches("input[data-datepicker]") ? [scope] : [];
    inputs.push(...scope.querySelectorAll("input[data-datepicker]"));
    for (const input of inputs) {
      if (input.datepicker) continue;
      new Datepicker(input, {
        language,
        format: "dd/mm/yyyy",
        weekStart: 1,
        autohide: true,
        todayButton: true,
        todayButtonMode: 1,
        clearButton: !input.required,
        todayHighlight: true,
        updateOnBlur: true,
        buttonClass: "btn",
      });
    }
  }
  if (window.htmx) {
    htmx.onLoad(attach);
  } else {
    document.addEventListener("DOMContentLoaded", () => attach(document));
  }
})();
