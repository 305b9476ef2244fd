"""Facts: per-kind, flat views of a site that rule conditions are evaluated against.

Each kind (staff_cohorts, interfaces, ...) declares its fields with types and descriptions, so
a rule that names a field that does not exist fails when rules load, and builds one fact item
per target from the typed model.
"""
