"""Joint cases (联合案件): lead and participating bureaus, status, comments, transfers."""
