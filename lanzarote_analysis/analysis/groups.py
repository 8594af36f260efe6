"""The civil society gaps of the covered Parties, by EU membership and UN sub-region."""

from __future__ import annotations

import pandas as pd

from ..io.load import PathLike, load_country_groups
from ..vocabulary import ASSESSED_GAPS
from .gaps import compute_civil_society_gaps


def compute_gap_shares_by_group(data_dir: PathLike = None) -> pd.DataFrame:
    """Share of the covered Parties with each gap, by EU membership and by UN sub-region.

    EU membership is that at the report's adoption (March 2022); sub-regions are
    UN M49 (``country_groups.csv``). Sub-regions are ordered by size, then name.

    Returns
    -------
    DataFrame indexed by ``(grouping, group)``: ``("eu", "member")``,
    ``("eu", "non_member")``, then ``("subregion", <UN M49 name>)``, with ``n`` (covered
    Parties in the group) and one column per assessed gap (``both``,
    ``involvement_only``, ``financing_only``, ``none``) holding its share (rows sum to 1).

    Examples
    --------
    >>> shares = compute_gap_shares_by_group()
    >>> int(shares["n"].loc["eu"].sum())
    42
    """
    # Load inputs.
    gaps = compute_civil_society_gaps(data_dir)
    groups = load_country_groups(data_dir)
    covered = gaps.loc[gaps["round2_coverage"].eq("covered"), ["gap"]].join(groups)

    # Count each gap per group (one indicator column per gap, summed by group).
    flags = pd.DataFrame(
        {gap: covered["gap"].eq(gap).astype("int64") for gap in ASSESSED_GAPS},
        index=covered.index,
    )
    eu = covered["is_eu_member_at_adoption"].map({True: "member", False: "non_member"})
    by_eu = flags.groupby(eu).sum().reindex(["member", "non_member"], fill_value=0)
    by_subregion = flags.groupby(covered["un_m49_subregion"].astype(str)).sum()
    size = by_subregion.sum(axis=1)
    by_subregion = by_subregion.loc[
        pd.DataFrame({"n": -size, "name": size.index}).sort_values(["n", "name"]).index
    ]

    # Turn counts into shares.
    counts = pd.concat({"eu": by_eu, "subregion": by_subregion}, names=["grouping", "group"])
    counts = counts.reindex(columns=list(ASSESSED_GAPS), fill_value=0).fillna(0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares.insert(0, "n", counts.sum(axis=1).astype("int64"))
    shares.columns.name = None
    return shares
