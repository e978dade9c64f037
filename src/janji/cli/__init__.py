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


def command_name(attribute: str) -> str:
    """The name a command is typed as: its function's name without the ``_`` that keeps it off a keyword."""
    return attribute.rstrip("_").replace("_", "-")


class LazyGroup(click.Group):
    """The commands of :data:`COMMANDS`, each module imported when one of its commands is asked for: `janji
    analyze` does not import the store, the portal or the tracking service (`janji --help` imports them all)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *(command_name(a) for names in COMMANDS.values() for a in names)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            for module, attributes in COMMANDS.items():
                for attribute in attributes:
                    if command_name(attribute) == cmd_name:
                        command = getattr(importlib.import_module(module), attribute)
                        self.add_command(command)
                        return command
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "did you mean …" among all the commands, not the loaded ones
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="janji")
def cli() -> None:
    """Janji: janji kampanye kepala daerah — dibaca, disusun, diklasifikasi, dibandingkan, dipantau.

    Janji (promise): the promises of Indonesia's regional heads, read from any
    source document into a structured tree (visi, misi, sasaran, program,
    kegiatan) with targets, sectors and SDGs.
    """


def main() -> None:
    cli(prog_name="janji")
