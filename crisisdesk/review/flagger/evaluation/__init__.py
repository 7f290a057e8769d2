"""The evaluation set of the queue flagger: generators, labeled cases, README on labeling."""
