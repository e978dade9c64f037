"""The distributed engine: sync, a process pool and a real dask.distributed cluster give the same files."""
from __future__ import annotations

import copy
import json
import pickle
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from janji.cli import cli
from janji.scale import SchedulerError, analyze_many, check_scheduler, plan, tasks
from janji.document import Document
from janji.pipeline import Pipeline
from janji.scale.runners import batches, connect

DOCS = {
    "kota.txt": "VISI\nKota Maju dan Sejahtera\n\nMISI\n1. Membangun jalan desa 10 km\n2. Menata pasar tradisional\n",
    "kabupaten.md": "# Visi\nKabupaten yang Sehat dan Cerdas\n\n# Misi\n1. Meningkatkan layanan kesehatan\n"
                    "   a. Membangun 5 puskesmas baru\n2. Memberikan beasiswa kepada 1.000 mahasiswa\n",
    "berita.txt": "Pasangan calon nomor urut 2 berjanji membangun 100 titik sumur bor dan menaikkan insentif "
                  "guru ngaji menjadi Rp1.000.000 per bulan jika terpilih.\n",
    "cuaca.txt": "Hujan ringan diperkirakan turun di Jakarta pada sore hari.\n",
    "kosong.txt": "",  # empty: fails with a one-line reason, the batch goes on
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = []
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    # Dashboard on a free port: a fixed one may be held by another test run on the machine.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  host="127.0.0.1") as local:
        yield local


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def check_batch(results, out: Path) -> None:
    by_name = {r.name: r for r in results}
    assert [r.name for r in results] == list(DOCS)  # input order, whatever finished first
    bad = by_name["kosong.txt"]
    assert not bad.ok and bad.status == "failed" and bad.error.startswith("kosong.txt: ") and "\n" not in bad.error
    assert all(r.ok for name, r in by_name.items() if name != "kosong.txt")
    assert by_name["cuaca.txt"].items == 0 and by_name["kota.txt"].items == 3
    assert sorted(files(out)) == ["berita.json", "cuaca.json", "kabupaten.json", "kota.json"]


def test_sync_processes_and_a_cluster_write_byte_identical_json(corpus, cluster, tmp_path):
    sequential = tmp_path / "cli"
    result = CliRunner().invoke(cli, ["analyze", *map(str, corpus), "--out", str(sequential)])
    assert result.exit_code == 1  # kosong.txt

    outs = {}
    for label, scheduler in (("sync", None), ("processes", "processes"), ("cluster", cluster.scheduler_address)):
        out = tmp_path / label
        seen = []
        results = analyze_many(corpus, out, scheduler=scheduler, num_workers=2, on_result=seen.append)
        check_batch(results, out)
        assert len(seen) == len(DOCS)
        outs[label] = files(out)
    assert outs["sync"] == outs["processes"] == outs["cluster"] == files(sequential)
    kota = json.loads(outs["cluster"]["kota.json"])
    assert kota["source"]["name"] == "kota.txt" and kota["items"][1]["quantities"][0]["value"] == 10


def test_processes_spread_work_over_the_pool_and_load_the_pipeline_per_process(corpus, tmp_path):
    results = analyze_many(corpus * 3, tmp_path, scheduler="processes", num_workers=2)
    pids = {r.worker for r in results if r.worker}
    assert 1 <= len(pids) <= 2  # the pool's processes, reused from task to task
    # A task ships a reference to an importable function, never the pipeline or a __main__ closure.
    assert len(pickle.dumps(tasks.analyze_files)) < 100 and len(pickle.dumps(tasks.analyze_raw)) < 100


def crashing(pipe: Pipeline, stage_name: str, document: str) -> Pipeline:
    """A copy of ``pipe`` whose stage ``stage_name`` crashes on the document called ``document`` (in its batch
    form too: a batch that holds that document crashes)."""
    broken = copy.copy(pipe)
    real = dict(pipe.stages)[stage_name]

    def check(docs):
        if any(doc.source.name == document for doc in docs):
            raise RuntimeError("stage crashed")

    def one(doc):
        check([doc])
        real(doc)

    def many(docs):
        check(docs)
        real.pipe(docs)

    one.__name__, one.requires, one.assigns = real.__name__, real.requires, real.assigns
    one.pipe = many if real.pipe is not None else None
    broken.stages = [(n, one if n == stage_name else s) for n, s in pipe.stages]
    return broken


@pytest.mark.parametrize("stage_name", ["structure", "classify"])  # a stage run per document, and a batched one
def test_a_defect_in_one_document_is_reported_and_the_batch_goes_on(corpus, tmp_path, monkeypatch, stage_name):
    broken = crashing(tasks.pipeline(), stage_name, "berita.txt")
    monkeypatch.setattr(tasks, "pipeline", lambda: broken)
    results = analyze_many(corpus, tmp_path)
    failed = {r.name: r.error for r in results if not r.ok}
    assert failed["berita.txt"] == "berita.txt: gagal dianalisis (RuntimeError: stage crashed)"
    assert set(failed) == {"berita.txt", "kosong.txt"}
    assert (tmp_path / "kota.json").exists() and not (tmp_path / "berita.json").exists()
    # the documents analysed in the same batch as the broken one are what they are alone
    for name in ("kota", "kabupaten", "cuaca"):
        alone = tasks.pipeline().analyze_path(next(p for p in corpus if p.stem == name))
        assert (tmp_path / f"{name}.json").read_text(encoding="utf-8") == alone.dumps()


def test_documents_analysed_together_are_what_they_are_alone(corpus):
    pipe = tasks.pipeline()
    sources = [p for p in corpus if p.name != "kosong.txt"]
    together = pipe.pipe([Document.from_bytes(p.read_bytes(), p.name) for p in sources])
    assert [doc.dumps() for doc in together] == [pipe.analyze_path(p).dumps() for p in sources]
    assert any(it.sectors for doc in together for it in doc.walk())  # the batched stage did run


def test_batches_are_bounded_by_count_and_bytes_and_never_split_a_unit(tmp_path):
    paths = []
    for k, size in enumerate([10, 10, 10, 500, 10]):
        paths.append(tmp_path / f"{k}.txt")
        paths[-1].write_text("x" * size, encoding="utf-8")
    jobs, _ = plan(paths, tmp_path / "out")
    one_by_one = [(job,) for job in jobs]
    assert [[j.index for j in b] for b in batches(one_by_one, size=2, max_bytes=10_000)] == [[0, 1], [2, 3], [4]]
    assert [[j.index for j in b] for b in batches(one_by_one, size=10, max_bytes=100)] == [[0, 1, 2], [3], [4]]
    # the jobs that write one file form one unit: kept together even where the count bound falls inside it
    assert [[j.index for j in b] for b in batches([jobs[:1], jobs[1:3], jobs[3:]], size=2)] == [[0], [1, 2], [3, 4]]


def test_same_stem_in_two_folders_keeps_the_later_input_as_a_sequential_run_would(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.md"
    first.write_text(DOCS["kota.txt"], encoding="utf-8")
    second.write_text(DOCS["kabupaten.md"], encoding="utf-8")
    jobs, collisions = plan([first, second], tmp_path / "out")
    assert [j.output for j in jobs] == [str(tmp_path / "out" / "x.json")] * 2
    assert [(c.stem, c.kept, c.dropped) for c in collisions] == [("x", str(second), str(first))]
    results = analyze_many([first, second], tmp_path / "out", scheduler="processes", num_workers=2)
    assert json.loads((tmp_path / "out" / "x.json").read_text(encoding="utf-8"))["source"]["name"] == "x.md"
    assert [r.replaced for r in results] == [None, str(first)]


def test_when_the_later_input_of_a_name_fails_every_mode_keeps_the_earlier_one(tmp_path, cluster):
    # A sequential run writes a/x.json, then b/x.txt fails and leaves it: the parallel modes must agree,
    # whichever worker finishes first.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    first.write_text(DOCS["kota.txt"], encoding="utf-8")
    second.write_bytes(b"")
    outs = {}
    for label, scheduler in (("sync", None), ("processes", "processes"), ("cluster", cluster.scheduler_address)):
        results = analyze_many([first, second], tmp_path / label, scheduler=scheduler, num_workers=2)
        assert [r.ok for r in results] == [True, False] and results[1].error.startswith("x.txt: ")
        outs[label] = files(tmp_path / label)
    assert sorted(outs["sync"]) == ["x.json"]
    assert json.loads(outs["sync"]["x.json"])["source"]["name"] == "x.txt"
    assert outs["sync"] == outs["processes"] == outs["cluster"]


def test_a_cluster_gets_large_inputs_as_scattered_data(corpus, cluster, tmp_path, monkeypatch):
    from janji.scale import runners

    monkeypatch.setattr(runners, "SCATTER_BYTES", 0)  # every input travels as data, not inside the task
    results = analyze_many(corpus, tmp_path, scheduler=cluster.scheduler_address)
    check_batch(results, tmp_path)


def test_scheduler_names_and_an_unreachable_scheduler():
    assert check_scheduler(None) == "sync" and check_scheduler("processes") == "processes"
    assert check_scheduler("tcp://10.1.2.3:8786") == "tcp://10.1.2.3:8786" and check_scheduler("host:8786")
    with pytest.raises(SchedulerError, match="tidak dikenal"):
        check_scheduler("threads")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SchedulerError, match=f"tcp://127.0.0.1:{port} tidak dapat dihubungi"):
        connect(f"tcp://127.0.0.1:{port}", timeout=1)


def test_cli_dask_processes_matches_the_sequential_run(corpus, tmp_path):
    folder = corpus[0].parent
    seq, par = tmp_path / "seq", tmp_path / "par"
    assert CliRunner().invoke(cli, ["analyze", str(folder), "--out", str(seq)]).exit_code == 1
    proc = subprocess.run([sys.executable, "-m", "janji.cli", "analyze", str(folder), "--out", str(par),
                           "--dask", "processes", "--workers", "2"], capture_output=True, text=True)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("galat")]
    assert len(errors) == 1 and errors[0].startswith("galat: kosong.txt: ")
    assert "cuaca.txt: tidak ada janji yang ditemukan" in proc.stderr and "Traceback" not in proc.stderr
    assert files(par) == files(seq)


def test_cli_dask_address_and_option_errors(corpus, cluster, tmp_path):
    good = [str(p) for p in corpus if p.name != "kosong.txt"]
    result = CliRunner().invoke(cli, ["analyze", *good, "--out", str(tmp_path), "--dask", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert sorted(files(tmp_path)) == ["berita.json", "cuaca.json", "kabupaten.json", "kota.json"]
    no_out = CliRunner().invoke(cli, ["analyze", *good, "--dask", "processes"])
    assert no_out.exit_code == 2 and "--dask memerlukan --out" in no_out.output
    unknown = CliRunner().invoke(cli, ["analyze", *good, "--out", str(tmp_path), "--dask", "threads"])
    assert unknown.exit_code == 2 and "penjadwal tidak dikenal" in unknown.output
    cluster_workers = CliRunner().invoke(cli, ["analyze", *good, "--out", str(tmp_path),
                                               "--dask", cluster.scheduler_address, "--workers", "3"])
    assert cluster_workers.exit_code == 2 and "--workers hanya untuk --dask processes" in cluster_workers.output


def test_the_engine_and_the_pipeline_import_nothing_above_them():
    # layers: document, lang, data -> stages -> pipeline -> scale -> store -> web, track -> cli
    import ast

    src = Path(__file__).resolve().parents[2] / "src" / "janji"
    upper = ("janji.cli", "janji.web", "janji.track", "janji.store")
    found = []
    for path in [*(src / "scale").glob("*.py"), src / "pipeline.py", src / "stage.py", src / "files.py",
                 src / "errors.py", *(src / "data").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            found += [f"{path.name}: {n}" for n in names if n.startswith(upper)]
    assert not found
