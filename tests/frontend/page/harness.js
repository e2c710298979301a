// Runs inside the page: shows a task with its predictions in the real Label Studio frontend (LSF), the way the
// Label Studio app does, and reads back from LSF's own store what it loaded. Driven by frontend.mjs.
/* global LabelStudio */
"use strict";

(function () {
  let store = null;

  // Shows the task. Like the Label Studio app for a task without annotations, it makes an annotation from the
  // first prediction and selects it: that is what a labeler sees and edits.
  function render(input) {
    return new Promise((resolve, reject) => {
      const predictions = input.predictions.map((prediction, i) => Object.assign({}, prediction, { id: input.predictionIds[i] }));
      try {
        new LabelStudio("label-studio", {
          config: input.config,
          task: { id: input.task.id ?? 1, data: input.task.data, annotations: [], predictions },
          interfaces: ["panel", "controls", "side-column", "annotations:menu", "annotations:current", "predictions:tabs", "predictions:menu", "topbar", "infobar"],
          user: { id: 1, firstName: "frontend", lastName: "check", username: "frontend-check" },
          onStorageInitialized(ls) {
            try {
              store = ls;
              const annotations = ls.annotationStore;
              if (annotations.predictions.length > 0) {
                const annotation = annotations.addAnnotationFromPrediction(annotations.predictions[0]);
                annotations.selectAnnotation(annotation.id);
              } else {
                annotations.selectAnnotation(annotations.addAnnotation({ userGenerate: true }).id);
              }
              resolve();
            } catch (e) {
              reject(e);
            }
          },
        });
      } catch (e) {
        reject(e);
      }
    });
  }

  function plain(value) {
    return value && typeof value.toJSON === "function" ? value.toJSON() : value;
  }

  function describeResult(result) {
    const control = result.from_name;
    const values = plain(result.mainValue);
    const unresolved = Array.isArray(values) && control && typeof control.findLabel === "function"
      ? values.filter(v => typeof v === "string" && !control.findLabel(v))
      : [];
    return {
      from_name: control && control.name,
      to_name: result.to_name && result.to_name.name,
      type: result.type,
      values: Array.isArray(values) ? values : [],
      unresolved,
    };
  }

  function describe(entity) {
    let serialized = null;
    try {
      serialized = plain(entity.serialized);
    } catch (e) {
      serialized = { error: String(e) };
    }
    return {
      pk: String(entity.pk),
      results: entity.results.map(describeResult),
      regions: entity.regions.length,
      relations: entity.relationStore ? entity.relationStore.relations.length : 0,
      serialized: Array.isArray(serialized) ? serialized.length : serialized,
    };
  }

  // What LSF holds now: the config's tags as it parsed them, every prediction, the displayed annotation, its own
  // validation messages, and what the DOM shows.
  function readBack() {
    const annotations = store.annotationStore;
    const tags = [];
    annotations.names.forEach((tag, name) => {
      tags.push({
        name,
        type: tag.type,
        control: tag.toname !== undefined,
        // The text LSF shows; span offsets count Unicode code points of it.
        text: tag.type === "text" && typeof tag._value === "string" ? tag._value : null,
      });
    });
    const root = document.getElementById("label-studio");
    return {
      tags,
      predictions: annotations.predictions.map(describe),
      displayed: annotations.selected ? describe(annotations.selected) : null,
      validation: (plain(annotations.validation) || []).map(v => JSON.stringify(v)),
      dom: {
        highlightedSpans: root.querySelectorAll(".htx-highlight").length,
        // Choices are drawn as checkboxes or radios in the annotation's main view (the side panel has radios too).
        checkedChoices: root.querySelectorAll(".lsf-main-view__annotation input[type=checkbox]:checked, .lsf-main-view__annotation input[type=radio]:checked").length,
      },
    };
  }

  window.frontendCheck = { render, readBack };
})();
