"""Step 3 of the flow (README "How it works"): the handbook as plain Python objects with the indexes pages need (records), built
from the checked data only (build). Nothing here knows about MkDocs."""

from handbook.model.build import build, load
from handbook.model.records import (Assignment, Collaboration, Duty, Gap, Handbook, Measure, Meeting, Moved,
                                    OnboardingPath, PathMeasure, Process, ProcessStep, Role, Section, Step, Topic)

__all__ = ["Assignment", "Collaboration", "Duty", "Gap", "Handbook", "Measure", "Meeting", "Moved", "OnboardingPath",
           "PathMeasure", "Process", "ProcessStep", "Role", "Section", "Step", "Topic", "build", "load"]
