"""Train the default linkage model on synthetic lists and write it into the package.

A region with few rows cannot train a model of its own (too few pairs for the EM step), so it
starts from this one: parameters learnt on 100,000 synthetic people of Jawa Timur. Run again
after changing the comparisons in jaring/core/linkage/pipeline.py.
"""

import json
import sys

from jaring.core.linkage.pipeline import DEFAULT_MODEL_PATH, link_people
from jaring.core.regions import iter_region_rows
from tests.synthetic.people import synthetic_lists, synthetic_people

PEOPLE = 100_000


def main() -> int:
    villages = [row.code for row in iter_region_rows(under="35") if row.level == 4]
    rows = synthetic_lists(synthetic_people(PEOPLE, villages=villages), villages=villages)
    result = link_people(rows)
    model = {
        **result.model,
        "jaring_trained_on": f"{rows.height} synthetic rows about {PEOPLE} people (bench/train_default_model.py)",
    }
    DEFAULT_MODEL_PATH.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
    print(f"wrote {DEFAULT_MODEL_PATH} ({rows.height:,} rows, {result.seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
