"""environment.yml (conda) and pyproject.toml + requirements.lock (pip) must agree."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

# conda-forge spells a few packages differently from PyPI.
CONDA_TO_PYPI = {"country_converter": "country-converter", "python-build": "build"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def direct(project_dir) -> set[str]:
    project = tomllib.loads((project_dir / "pyproject.toml").read_text("utf-8"))["project"]
    requirements = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]
    return {canonical(re.split(r"[<>=!~ \[;]", r, maxsplit=1)[0]) for r in requirements}


@pytest.fixture(scope="module")
def locked(project_dir) -> dict[str, str]:
    text = (project_dir / "requirements.lock").read_text("utf-8")
    return {
        canonical(n): v
        for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", text, flags=re.MULTILINE)
    }


@pytest.fixture(scope="module")
def environment(project_dir) -> dict:
    return yaml.safe_load((project_dir / "environment.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def conda(environment) -> dict[str, str]:
    pins = {}
    for spec in environment["dependencies"]:
        if isinstance(spec, dict):
            continue  # the pip: section, checked below
        name, _, version = spec.partition("=")
        if name not in {"python", "pip"}:
            pins[canonical(CONDA_TO_PYPI.get(name, name))] = version
    return pins


def test_same_direct_dependencies(direct, conda):
    assert set(conda) == direct, (
        f"only in environment.yml: {sorted(set(conda) - direct)}; "
        f"only in pyproject.toml: {sorted(direct - set(conda))}"
    )


def test_same_versions_as_the_lock(conda, locked):
    differ = {n: (v, locked.get(n)) for n, v in conda.items() if locked.get(n) != v}
    assert not differ, f"environment.yml vs requirements.lock: {differ}"


def test_lock_covers_every_direct_dependency_with_hashes(direct, locked, project_dir):
    assert direct <= set(locked)
    text = (project_dir / "requirements.lock").read_text("utf-8")
    pins = re.findall(r"^\S+==\S+", text, flags=re.MULTILINE)
    hashed = re.findall(
        r"^\S+==\S+(?: ; [^\\\n]+)? \\\n\s+--hash=sha256:[0-9a-f]{64}", text, flags=re.MULTILINE
    )
    assert len(hashed) == len(pins) > 0  # make installs with --require-hashes


def test_pip_installs_only_the_package_itself(environment):
    # Every dependency comes from conda-forge; pip installs this clone, as make install does.
    sections = [spec for spec in environment["dependencies"] if isinstance(spec, dict)]
    assert sections == [{"pip": ["-e ."]}]
    assert "pip" in environment["dependencies"]
