"""Settings for the test suite: the real settings in `test` mode."""

import os

os.environ["CRISISDESK_MODE"] = "test"

from crisisdesk.settings import *  # noqa: E402, F403
