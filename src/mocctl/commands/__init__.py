"""One module per command: each ``run(settings, …) -> int`` returns the exit code."""
