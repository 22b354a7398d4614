"""Hostile input through the CLI (issue 13): a package, so that its conftest is not `conftest`."""
