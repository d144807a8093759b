"""Listed supervision (挂牌督办) of a joint case by a superior bureau, and progress reports."""
