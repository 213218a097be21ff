// The author's notes and the placeholder marks (src/components/notice.ts): a
// note shows once on each page it concerns (named, or showing its quantity),
// its mark beside each figure of its quantity; "placeholder" marks exactly the
// quantities that depend on a listed placeholder.
import {describe, expect, it} from "vitest";
import {PlaceholderNotice, StudyNotes, noteMarks, placeholderMark, placeholdersOf} from "../../src/components/notice.js";
import {newDocument} from "./helpers.js";

const study = {
  notes: [
    {severity: "caution" as const, text: "2020 is WorldCover v100 and 2021 v200: a change of method, not of land.", concerns: ["change"]},
    {severity: "info" as const, text: "Energy use is the province's, scaled by population.", concerns: ["carbon"]},
    {severity: "warning" as const, text: "Read the methods first.", concerns: ["methods"]}
  ],
  placeholders: ["esv.standardValue"]
};

describe("notes", () => {
  it("show on the pages that show their quantity or are named, numbered as in the study file", () => {
    const document = newDocument();
    const ids = (page: string) =>
      [...((StudyNotes(study, page, {document}) as HTMLElement).querySelectorAll?.("li") ?? [])].map((li) => li.id);
    expect(ids("overview")).toEqual(["note-1", "note-2"]);
    expect(ids("land-use")).toEqual(["note-1"]);
    expect(ids("carbon")).toEqual(["note-2"]);
    expect(ids("methods")).toEqual(["note-3"]);
    expect(ids("esv")).toEqual([]);
    const box = StudyNotes(study, "land-use", {document}) as HTMLElement;
    expect(box.textContent).toBe("The author's note:Caution 1. 2020 is WorldCover v100 and 2021 v200: a change of method, not of land.");
  });

  it("mark the figures of their quantity with a link to the note", () => {
    const document = newDocument();
    const host = document.createElement("span");
    host.append(noteMarks(study, "change", {document}));
    const a = host.querySelector("a")!;
    expect(a.getAttribute("href")).toBe("#note-1");
    expect(a.textContent).toBe("caution 1");
    expect(a.title).toMatch(/change of method/);
    host.replaceChildren(noteMarks(study, "esv", {document}));
    expect(host.childNodes.length).toBe(0);
  });
});

describe("placeholders", () => {
  it("mark ESV and coupling figures when the standard value is a placeholder, and nothing else", () => {
    expect(placeholdersOf(study, "esv")).toEqual(["esv.standardValue"]);
    expect(placeholdersOf(study, "coupling")).toEqual(["esv.standardValue"]);
    expect(placeholdersOf(study, "carbon")).toEqual([]);
    const document = newDocument();
    expect((placeholderMark(study, "esv", {document}) as HTMLElement).textContent).toBe("placeholder");
    expect(placeholderMark(study, "carbon", {document}).textContent).toBe("");
    expect((PlaceholderNotice(study, "esv", {document}) as HTMLElement).textContent).toMatch(/esv\.standardValue as placeholders/);
    expect(PlaceholderNotice({placeholders: []}, "esv", {document}).textContent).toBe("");
  });
});
