"""Why a setup.py at all: the presets (rules/) and artwork (resources/) are installed as
notifyzen.presets and notifyzen.resources (see package-dir in pyproject.toml), and automatic
package discovery cannot see directories that live outside notifyzen/. Everything else is in
pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["notifyzen*"]), "notifyzen.presets", "notifyzen.resources"])
