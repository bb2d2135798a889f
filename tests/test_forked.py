"""Forked workers (mojolint.forked): every job done once, by whichever worker is free."""

from __future__ import annotations

import sys

import pytest

from mojolint import forked

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")


def test_every_job_is_done_once_even_when_the_offers_do_not_fit_in_the_pipe() -> None:
    # 17,000 places are 68,000 bytes, more than a pipe holds: the rest is written as the
    # workers make room.
    jobs = list(range(17_000))
    offers = forked.Offers()
    offers.offer(range(len(jobs)))
    assert offers.pending
    workers = [forked.fork(jobs, lambda job: job * 2, [offers]) for _ in range(2)]
    offers.close_read()
    assert sorted(forked.results(workers, offers)) == [job * 2 for job in jobs]


def test_offers_not_taken_are_given_back() -> None:
    # No worker reads these offers: ending them gives every one back, none taken.
    offers = forked.Offers()
    offers.offer([3, 1, 2])
    assert offers.end() == set()


def test_an_exception_in_a_worker_is_raised_here() -> None:
    offers = forked.Offers()
    offers.offer(range(3))

    def do(job: int) -> int:
        if job == 1:
            raise KeyError("one")
        return job

    workers = [forked.fork([0, 1, 2], do, [offers])]
    offers.close_read()
    with pytest.raises(KeyError, match="one"):
        list(forked.results(workers, offers))
    for worker in workers:
        worker.kill()
