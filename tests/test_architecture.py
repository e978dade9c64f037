"""The shape of the analyser: stages apart, the language in one place, no rule written for one document."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from janji.pipeline import STAGES, Pipeline, PipelineError, load_stage

SRC = Path(__file__).resolve().parent.parent / "src" / "janji"
STAGE_PACKAGES = [p for p in (SRC / name for name in STAGES) if p.is_dir()]


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (a function-level import counts as much as a top-level one)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


@pytest.mark.parametrize("package", STAGE_PACKAGES, ids=lambda p: p.name)
def test_a_stage_imports_no_other_stage(package):
    others = {f"janji.{p.name}" for p in STAGE_PACKAGES if p != package}
    for path in package.rglob("*.py"):
        bad = {m for m in imports(path) if any(m == o or m.startswith(o + ".") for o in others)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_lower_layers_import_no_stage():
    stages = {f"janji.{p.name}" for p in STAGE_PACKAGES}
    for path in [SRC / "document.py", SRC / "stage.py", *(SRC / "lang").rglob("*.py")]:
        bad = {m for m in imports(path) if any(m == s or m.startswith(s + ".") for s in stages)}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


@pytest.mark.parametrize("name", list(STAGES))
def test_every_stage_declares_what_it_needs_and_sets(name):
    stage = load_stage(name)
    assert isinstance(stage.requires, tuple) and stage.assigns, name


def test_a_stage_left_out_that_a_later_one_needs_is_an_error():
    with pytest.raises(PipelineError, match="facts"):
        Pipeline(disable=["facts"])
    assert Pipeline(disable=["classify"]).names[-1] == "quantities"
    with pytest.raises(PipelineError, match="structure"):
        Pipeline(names=["read", "clean", "facts", "prose"])


# Words of a table that belongs to janji.lang: three of them in one string outside lang/ is a second copy.
LANGUAGE_TABLES = {
    "ordinals": {"kedua", "ketiga", "keempat", "kelima", "keenam", "kesatu"},
    "cardinals": {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"},
    "titles": {"prof", "drs", "dra", "hj", "kh", "drg"},
    "honorifics": {"gus", "ning", "mbak", "kang", "cak", "daeng", "uda"},
    "furniture": {"baca", "editor", "penulis", "reporter", "pewarta", "redaktur"},
}


def strings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_language_tables_live_only_in_lang():
    found = []
    for path in SRC.rglob("*.py"):
        if (SRC / "lang") in path.parents:
            continue
        for line, value in strings(path):
            if value.lstrip().startswith((">>>", "Example")) or "\n" in value.strip():
                continue  # docstrings and their examples quote the language, they do not define it
            words = set(re.findall(r"[a-z]+", value.lower()))
            for table, vocabulary in LANGUAGE_TABLES.items():
                if len(words & vocabulary) >= 3:
                    found.append(f"{path.relative_to(SRC)}:{line} ({table}: {sorted(words & vocabulary)})")
    assert not found, "tables of janji.lang copied elsewhere:\n" + "\n".join(found)


def test_no_source_or_test_line_names_a_seed_development_or_corpus_document_or_its_candidates(shared):
    names = set()
    corpus_gold = Path(__file__).resolve().parent.parent / "annotations" / "corpus"
    for gold in [*(shared / "gold").glob("*.json"), *(shared / "devset" / "gold").glob("*.json"),
                 *corpus_gold.glob("*.json")]:
        data = json.loads(gold.read_text(encoding="utf-8"))
        names.add(gold.stem)
        for cand in data.get("candidates") or []:
            for name in [cand.get("head"), cand.get("deputy"), *(cand.get("aliases") or [])]:
                if name and (" " in name.strip() or len(name) >= 6):
                    names.add(name.strip())
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    root = SRC.parent.parent
    # the source and the tests alike: a rule or a unit test stands for a way of writing, not for one article
    paths = [*SRC.rglob("*.py"), *(p for p in (root / "tests").rglob("*.py") if p != Path(__file__).resolve())]
    hits = [f"{path.relative_to(root)}:{i}: {line.strip()[:80]}" for path in paths
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, f"{len(hits)} lines name a seed, development or corpus document or its candidates:\n" + "\n".join(hits)
