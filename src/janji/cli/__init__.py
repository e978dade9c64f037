"""`janji` command line: a thin layer over the package (parse options, call one function, print).

Every command is useful alone and every output has a machine-readable form
(``--json``). Commands live in one module per concern and are registered here.
"""
from __future__ import annotations

import importlib

import click

from janji import __version__
from janji.cli import lang
from janji.redact import install_log_filter

lang.install()  # click's own messages (usage errors, prompts, --help headings) in Bahasa Indonesia
install_log_filter()  # no database password in any log line (janji serve's included)

# module -> names of the click commands it defines
COMMANDS = {
    "janji.cli.analyze": ["analyze"],
    "janji.cli.store": ["init", "ingest", "search", "compare", "export", "stats", "import_"],
    "janji.cli.web": ["serve", "demo"],
    "janji.cli.taxonomy": ["taxonomy"],
    "janji.cli.track": ["user", "track"],
    "janji.cli.train": ["train"],
    "janji.cli.align": ["align", "suggest"],
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="janji")
def cli() -> None:
    """Janji: janji kampanye kepala daerah — dibaca, disusun, diklasifikasi, dibandingkan, dipantau.

    Janji (promise): the promises of Indonesia's regional heads, read from any
    source document into a structured tree (visi, misi, sasaran, program,
    kegiatan) with targets, sectors and SDGs.
    """


for _module, _names in COMMANDS.items():
    _mod = importlib.import_module(_module)
    for _name in _names:
        cli.add_command(getattr(_mod, _name))


def main() -> None:
    cli(prog_name="janji")
