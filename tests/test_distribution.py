"""The built distribution: what the wheel carries, and the wheel installed outside the clone.

``python -m build`` makes the sdist and, from it, the wheel; the wheel goes into a new
virtual environment with the runtime part of ``requirements.lock`` (hashes checked,
``pip check`` for completeness) and the commands run from a folder outside the
repository, where nothing of the clone can be found. Their results must be the
repository's own: the same text, the same spreadsheet, figures byte-identical to the
committed ones.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from lanzarote_analysis.analysis.profile import compute_party_profile
from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_DIR
from lanzarote_analysis.io.validate import validate_data_dir
from lanzarote_analysis.output.copy_out import list_files
from lanzarote_analysis.output.export import export_tables
from lanzarote_analysis.output.gap_table import format_gap_table
from lanzarote_analysis.output.profile_text import format_party_profile

PACKAGE = PROJECT_DIR / "lanzarote_analysis"
#: Folders the build maps into the package (pyproject.toml, [tool.setuptools.package-dir]).
MAPPED = {
    "lanzarote_analysis.data": BUNDLED_DATA_DIR,
    "lanzarote_analysis.notebooks": NOTEBOOKS_DIR,
}
#: Generous bounds for steps that take seconds (building, installing, drawing).
BUILD_TIMEOUT = 300
COMMAND_TIMEOUT = 180


def setuptools_config() -> dict:
    return tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def package_folder(name: str) -> Path:
    if name in MAPPED:
        return MAPPED[name]
    return PROJECT_DIR.joinpath(*name.split("."))


def data_files(folder: Path) -> list[Path]:
    """The files of a code package: beside its modules and in its folders that are not
    packages themselves (``plots/fonts``), which the wheel carries only if a glob names them."""
    found = []
    for path in folder.iterdir():
        if path.is_file():
            found.append(path)
        elif path.is_dir() and path.name != "__pycache__" and not (path / "__init__.py").exists():
            found += data_files(path)
    return found


def test_pyproject_lists_every_package():
    # Packages are listed, not found (the mapped data folders are not importable code),
    # so a new sub-package must be added by hand: this is the reminder.
    on_disk = {
        ".".join(init.parent.relative_to(PROJECT_DIR).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert set(setuptools_config()["packages"]) == on_disk | set(MAPPED)


def test_package_data_globs_take_every_data_file_and_notebook():
    config = setuptools_config()
    assert config["include-package-data"] is False  # exactly the globs, nothing implicit
    for name in config["packages"]:
        folder = package_folder(name)
        globs = config["package-data"].get(name, [])
        taken = {p.relative_to(folder) for g in globs for p in folder.glob(g) if p.is_file()}
        if name in MAPPED:
            wanted = set(list_files(folder, recursive=True))
        else:  # a code package: every file that is not code, in it or its data folders
            wanted = {
                p.relative_to(folder)
                for p in data_files(folder)
                if p.suffix not in {".py", ".pyc"} and not p.name.startswith(".")
            }
        assert wanted <= taken, f"{name}: not in the wheel: {sorted(map(str, wanted - taken))}"


def test_no_invented_project_urls():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text("utf-8"))["project"]
    assert "urls" not in project


# The wheel, installed outside the repository.


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_closure(text: str, roots) -> str:
    """The entries of a lock that ``roots`` need, with their hashes.

    The lock notes who needs each package (``# via``); following those notes down from
    the roots gives what they need. ``pip check`` after installing proves it complete.
    """
    entries, children = {}, {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==", block)
        if match is None:
            continue
        name = canonical(match[1])
        entries[name] = block.strip()
        via = re.findall(r"^\s+#\s+(?:via\s+)?([A-Za-z0-9_.-]+)", block, flags=re.MULTILINE)
        for parent in via:
            if parent != "via":
                children.setdefault(canonical(parent), set()).add(name)
    todo = [canonical(root) for root in roots]
    needed: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo += children.get(name, ())
    return "\n".join(entries[name] for name in sorted(needed)) + "\n"


def runtime_requirements() -> str:
    """The part of requirements.lock that ``[project] dependencies`` need."""
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text("utf-8"))["project"]
    roots = [re.split(r"[<>=!~ \[;]", r, maxsplit=1)[0] for r in project["dependencies"]]
    text = (PROJECT_DIR / "requirements.lock").read_text("utf-8")
    return lock_closure(text, roots)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, object]:
    """The wheel, built and installed with the locked runtime dependencies in a new venv."""
    if importlib.util.find_spec("build") is None:
        pytest.fail("the 'build' package is missing: run make install")
    root = tmp_path_factory.mktemp("wheel-env")
    dist, venv = root / "dist", root / "venv"
    python = venv / "bin" / "python"
    # The sdist first, then the wheel built from it (both must carry the data), while
    # the dependencies install: the two do not depend on each other.
    build = subprocess.Popen(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(PROJECT_DIR)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        run([sys.executable, "-m", "venv", "--without-pip", str(venv)], timeout=BUILD_TIMEOUT)
        requirements = root / "runtime.lock"
        requirements.write_text(runtime_requirements(), encoding="utf-8")
        pip(python, "install", *PIP_OPTIONS, "-r", str(requirements))
        output, _ = build.communicate(timeout=BUILD_TIMEOUT)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == 0, output[-3000:]
    (wheel,) = dist.glob("*.whl")
    pip(python, "install", "--no-deps", "--no-compile", "--quiet", str(wheel))
    pip(python, "check")
    work = root / "work"  # outside the repository: nothing of the clone is found from here
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "LANZAROTE_DATA_DIR", "PYTHONHOME"}
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    return {
        "wheel": wheel,
        "python": python,
        "cli": venv / "bin" / "lanzarote-analysis",
        "work": work,
        "env": env,
    }


def pip(python: Path, *args: str) -> subprocess.CompletedProcess:
    """Run this environment's pip on the environment of ``python``."""
    command = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    return run([*command, *args], timeout=BUILD_TIMEOUT)


#: Exactly the locked files (hashes checked); --no-compile: Python compiles what it
#: imports on first import, where compiling everything would take most of the install.
PIP_OPTIONS = ("--no-deps", "--no-compile", "--quiet", "--require-hashes")


def cli(installed, *args: str) -> subprocess.CompletedProcess:
    return run(
        [str(installed["cli"]), *args],
        cwd=installed["work"],
        env=installed["env"],
        timeout=COMMAND_TIMEOUT,
    )


@pytest.mark.slow
def test_sdist_and_wheel_carry_the_data_and_the_notebooks(installed):
    wheel = installed["wheel"]
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, prefix in ((BUNDLED_DATA_DIR, "data"), (NOTEBOOKS_DIR, "notebooks")):
        for path in list_files(folder, recursive=True):
            assert f"lanzarote_analysis/{prefix}/{path.as_posix()}" in names
    package_files = {
        "lanzarote_analysis/i18n/labels.csv",
        "lanzarote_analysis/analysis/non_parties.csv",
        "lanzarote_analysis/plots/fonts/LZSans.ttf",
        "lanzarote_analysis/plots/fonts/LZSans-Bold.ttf",
        "lanzarote_analysis/plots/fonts/LICENSE_DEJAVU",
    }
    assert package_files <= names
    # The citation the report offers: a copy of the root's CITATION.cff, not a link.
    citation = zipfile.ZipFile(wheel).read("lanzarote_analysis/CITATION.cff")
    assert citation == (PROJECT_DIR / "CITATION.cff").read_bytes()
    (sdist,) = wheel.parent.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "data/datapackage.json",
        "data/geo/europe_50m.gpkg",
        "notebooks/05-party-profile.ipynb",
    } <= members
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode()
    )
    assert "Project-URL" not in metadata and "License-Expression: MIT AND CC-BY-4.0" in metadata


@pytest.mark.slow
def test_installed_package_reads_its_own_data_from_anywhere(installed):
    script = (
        "import lanzarote_analysis as la\n"
        "from lanzarote_analysis.io.paths import BUNDLED_DATA_DIR, NOTEBOOKS_DIR\n"
        "print(la.__file__); print(BUNDLED_DATA_DIR); print(NOTEBOOKS_DIR)\n"
        "print(len(la.compute_party_recommendations()))\n"
    )
    result = run(
        [str(installed["python"]), "-c", script],
        cwd=installed["work"],
        env=installed["env"],
        timeout=COMMAND_TIMEOUT,
    )
    module, data, notebooks, rows = result.stdout.splitlines()
    site = Path(module).parent
    assert PROJECT_DIR not in Path(module).parents
    assert (Path(data), Path(notebooks)) == (site / "data", site / "notebooks")
    assert rows == "336"


@pytest.mark.slow
def test_installed_gaps_validate_and_profile_match_the_repository(installed):
    assert cli(installed, "gaps").stdout == format_gap_table()
    validated = cli(installed, "validate").stdout.strip()
    data_dir, _, summary = validated.rpartition(": ")
    assert Path(data_dir).name == "data" and "site-packages" in data_dir
    assert summary == validate_data_dir().rpartition(": ")[2]
    expected = format_party_profile(compute_party_profile("Malta"))
    assert cli(installed, "profile", "Malta").stdout == expected


@pytest.mark.slow
def test_installed_figures_are_the_committed_figures(installed):
    out = installed["work"] / "figures"
    cli(installed, "figures", "--only", "gap_map", "--out", str(out), "--quiet")
    made = sorted(p.name for p in out.iterdir())
    committed = sorted(p.name for p in FIGURES_DIR.glob("gap_map.*"))
    assert made == committed and len(made) == 6
    for name in made:
        assert (out / name).read_bytes() == (FIGURES_DIR / name).read_bytes(), name


@pytest.mark.slow
def test_installed_export_is_the_repository_export(installed, tmp_path):
    cli(installed, "export", "--format", "xlsx", "--lang", "fr")
    made = installed["work"] / "lanzarote-analysis-tables.fr.xlsx"
    (expected,) = export_tables(tmp_path / "tables.xlsx", lang="fr")
    assert made.read_bytes() == expected.read_bytes()


@pytest.mark.slow
def test_installed_report_is_the_repository_report(installed):
    # Bokeh is a runtime dependency: the explorer and the report need no extra.
    from lanzarote_analysis.output.report.build import build_html_report

    cli(installed, "report", "--lang", "fr", "--out", "report", "--quiet")
    made = (installed["work"] / "report" / "report.fr.html").read_text(encoding="utf-8")
    assert made == build_html_report(lang="fr")
    assert "CITATION.cff" in made  # the citation travels with the wheel


@pytest.mark.slow
def test_installed_data_copy_validates(installed):
    cli(installed, "data", "copy", "my-data")
    copy = installed["work"] / "my-data"
    assert sorted(list_files(copy, recursive=True)) == sorted(
        list_files(BUNDLED_DATA_DIR, recursive=True)
    )
    assert cli(installed, "validate", "my-data").stdout.startswith(f"{copy}: valid")


# The notebooks, copied out and run by a kernel of the wheel's environment. Last in this
# module: the kernel's packages join the environment only after the commands ran with
# the runtime dependencies alone.

#: The profile holds every kind of output: tables, Markdown, a figure, the picker (the
#: other notebooks read the same data through the same functions, checked above).
WHEEL_NOTEBOOKS = ("05-party-profile.ipynb",)
KERNEL_PACKAGES = ("ipykernel", "ipywidgets")


def sanitise(text: str) -> str:
    """Apply nbval's sanitising rules (notebooks/nbval-sanitize.cfg) to an output text."""
    config = (NOTEBOOKS_DIR / "nbval-sanitize.cfg").read_text("utf-8")
    rules = re.findall(r"^regex: (.+)\nreplace: (.*)$", config, flags=re.MULTILINE)
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text)
    return text


def text_outputs(cell) -> list[tuple[str, str]]:
    found = []
    for output in cell.get("outputs", []):
        if "text" in output:
            found.append(("stream", sanitise(output["text"])))
        for mimetype, value in sorted(output.get("data", {}).items()):
            if mimetype.startswith("text/"):
                found.append((mimetype, sanitise(value)))
    return found


@pytest.fixture(scope="module")
def kernel(installed, tmp_path_factory) -> str:
    """A Jupyter kernel running the wheel's environment, and its name."""
    requirements = tmp_path_factory.mktemp("kernel") / "kernel.lock"
    text = (PROJECT_DIR / "requirements.lock").read_text("utf-8")
    runtime = set(runtime_requirements().split("\n"))
    kernel_only = [e for e in lock_closure(text, KERNEL_PACKAGES).split("\n") if e not in runtime]
    requirements.write_text("\n".join(kernel_only) + "\n", encoding="utf-8")
    python = installed["python"]
    pip(python, "install", *PIP_OPTIONS, "-r", str(requirements))
    pip(python, "check")
    kernels = tmp_path_factory.mktemp("jupyter")
    spec = kernels / "kernels" / "lanzarote-wheel" / "kernel.json"
    spec.parent.mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.write_text(json.dumps({"argv": argv, "display_name": "wheel", "language": "python"}))
    return str(kernels)


@pytest.mark.slow
@pytest.mark.parametrize("name", WHEEL_NOTEBOOKS)
def test_copied_notebooks_run_against_the_installed_package(installed, kernel, name, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    folder = installed["work"] / f"notebooks-{name}"
    cli(installed, "notebooks", folder.name)
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        assert (folder / path.name).read_bytes() == path.read_bytes()
    nb = nbformat.read(folder / name, as_version=4)
    committed = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    monkeypatch.setenv("JUPYTER_PATH", kernel)  # where nbclient finds the wheel's kernel
    env = {key: value for key, value in installed["env"].items() if key != "MPLBACKEND"}
    client = NotebookClient(
        nb,
        kernel_name="lanzarote-wheel",
        timeout=COMMAND_TIMEOUT,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(env=env)
    fresh = [c for c in nb.cells if c.cell_type == "code"]
    stored = [c for c in committed.cells if c.cell_type == "code"]
    assert [c.source for c in fresh] == [c.source for c in stored]
    for new, old in zip(fresh, stored, strict=True):
        assert not [o for o in new.outputs if o.output_type == "error"], new.source
        # Same results as the repository's notebook (what nbval compares), widget views aside.
        old_texts = text_outputs(old)
        new_texts = [t for t in text_outputs(new) if t[0] in {m for m, _ in old_texts}]
        assert new_texts == old_texts, new.source
