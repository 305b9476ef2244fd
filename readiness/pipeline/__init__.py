"""The one place that chains the steps: load -> validate -> model -> graph -> evaluate -> result.

Each module runs what one command needs and returns a result object that carries the files
the run read and the configuration it used; commands only parse arguments and report.
Nothing is re-exported here, so that a command imports only the steps it runs (validating a
site does not load the rule engine, networkx or jinja2):

- `request`: `CheckRequest`, what to check and how;
- `site`: `load_site`, a site loaded, schema-checked and cross-referenced;
- `validate`: `run_validate`;
- `check`: `run_check`;
- `graph`: `load_graph`;
- `settings`: the configuration and rule folders a check runs under;
- `cached`: `check_cached`, a check served from the result cache when its inputs are unchanged;
- `sites`: `check_sites`, many sites, from the cache or in worker processes;
- `portfolio`: `run_portfolio`;
- `catalogue`: `build_catalogue` and `describe_kinds`;
- `examples`: `run_examples`, each rule's own pass and fail examples;
- `diff`: `run_diff`, two JSON results compared.
"""
