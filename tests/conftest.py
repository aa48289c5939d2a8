"""Shared pytest configuration."""

# Hypothesis settings profiles: "ci" (default, reproducible) and "long" (deep search).
# Select with HYPOTHESIS_PROFILE=long python -m pytest ...
import os as _os

from hypothesis import settings as _settings

_settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
_settings.register_profile("long", max_examples=5000, deadline=None)
_settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "ci"))
