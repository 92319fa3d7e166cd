"""trialbot: helps patients and families find out whether they might join a clinical trial."""

__version__ = "0.1.0"
