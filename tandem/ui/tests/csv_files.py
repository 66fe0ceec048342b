"""Reading a downloaded spreadsheet back in tests."""

import csv
import io


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV download, the header first; checks it is UTF-8 with a byte-order mark."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))
