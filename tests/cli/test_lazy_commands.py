"""`janji analyze` loads only what it needs: the other commands' modules, and Rich when nothing is printed."""
import os
import subprocess
import sys

from click.testing import CliRunner

from janji.cli import COMMANDS, cli, command_name


def test_analyze_to_files_imports_no_other_command_nor_rich(tmp_path):
    source = tmp_path / "contoh.txt"
    source.write_text("Misi:\n1. Membangun jalan desa 25 km setiap tahun\n", encoding="utf-8")
    script = ("import sys; from janji.cli import main\n"
              "sys.argv = ['janji', 'analyze', sys.argv[1], '--out', sys.argv[2]]\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith(('janji.store', 'janji.web', 'janji.track',"
              " 'janji.cli.', 'rich', 'charset_normalizer')))))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run([sys.executable, "-c", script, str(source), str(tmp_path / "out")], env=env,
                         capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["janji.cli.analyze", "janji.cli.common", "janji.cli.lang"]
    assert (tmp_path / "out" / "contoh.json").exists()


def test_a_mistyped_command_is_told_the_nearest_one_not_yet_loaded():
    result = CliRunner().invoke(cli, ["trak"])
    assert result.exit_code == 2 and "'track'" in result.output and "'train'" in result.output


def test_every_command_is_listed_and_found():
    names = cli.list_commands(None)
    assert names == sorted(command_name(a) for attrs in COMMANDS.values() for a in attrs)
    for name in names:
        assert cli.get_command(None, name).name == name
