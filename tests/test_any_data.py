"""Any data `make check` accepts is a valid handbook (issue 23): the repository's own data/, whatever organisation
it belongs to, passes the check and the strict build."""

from __future__ import annotations

from handbook.model import load as load_handbook

from .conftest import SHIPPED, build_site
from .htmlpage import load


def test_the_shipped_data_passes_check_and_builds(tmp_path):
    """data/ as it is in this repository (this company's or an adopter's): the strict build succeeds."""
    result = build_site(tmp_path / "site", data=SHIPPED)
    assert result.returncode == 0, result.stderr[-4000:]
    for role in load_handbook(SHIPPED).roles:
        assert role.name in load(tmp_path / "site", f"/roles/{role.id}/").title
