"""Click's own messages in Bahasa Indonesia: usage errors, prompts, the headings of --help.

Click marks its messages for gettext (``from gettext import gettext as _`` in each of its modules), but
binding a catalogue to the process-wide default gettext domain would translate every other library that uses
it too. Instead :func:`install` points the ``_`` and ``ngettext`` names of click's modules at this table;
a message missing here (a newer click) stays in English rather than failing. Installed by ``janji.cli``.
"""
from __future__ import annotations

import importlib

MESSAGES = {
    # errors of the command line
    "Error: {message}": "galat: {message}",
    "Try '{command} {option}' for help.": "Bantuan: '{command} {option}'.",
    "Missing argument": "Argumen wajib tidak ada",
    "Missing option": "Opsi wajib tidak ada",
    "Missing parameter": "Parameter wajib tidak ada",
    "Missing parameter: {param_name}": "Parameter wajib tidak ada: {param_name}",
    "Missing {param_type}": "{param_type} wajib tidak ada",
    "Missing command.": "Perintah belum disebut.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "unknown error": "galat tak dikenal",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} menerima {nargs} nilai.",
    "Invalid start character for option ({option})": "Awalan opsi tidak sah ({option})",
    "Value must be an iterable.": "Nilainya harus berupa daftar.",
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenal: {states}",
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "file": "berkas",
    "directory": "folder",
    "path": "jalur",
    # prompts
    "Aborted!": "Dibatalkan.",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "galat: kedua isian tidak sama.",
    "Error: invalid input": "galat: isian tidak sah",
    "Do you want to continue?": "Lanjutkan?",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan …",
    # --help
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
}

# Indonesian nouns do not inflect for number: one text serves both forms
PLURALS = {
    "Got unexpected extra argument ({args})": "Argumen berlebih yang tidak dikenal ({args})",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai tetapi hanya 1 yang diberikan.",
    "{len_type} values are required, but {len_value} was given.":
        "{len_type} nilai diperlukan, tetapi {len_value} yang diberikan.",
    "{value!r} does not match the format {format}.": "{value!r} tidak cocok dengan format {format}.",
}
PLURALS_MANY = {
    "Got unexpected extra argument ({args})": "Argumen berlebih yang tidak dikenal ({args})",
    "Did you mean {possibility}?": "(Maksud Anda salah satu dari: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} bukan salah satu dari {choices}.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai tetapi {len} yang diberikan.",
    "{len_type} values are required, but {len_value} was given.":
        "{len_type} nilai diperlukan, tetapi {len_value} yang diberikan.",
    "{value!r} does not match the format {format}.": "{value!r} tidak cocok dengan format {formats}.",
}

CLICK_MODULES = ("core", "exceptions", "types", "parser", "decorators", "termui", "formatting", "utils")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    table = PLURALS if n == 1 else PLURALS_MANY
    return table.get(singular, singular if n == 1 else plural)


def install() -> None:
    """Route click's messages through the tables above (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
