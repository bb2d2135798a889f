# UP027 proof: `CollectionElement`, which no release on PyPI knows (25.6 on); the fixed output
# is the proof.
from collections import List, CollectionElement


struct Row(CollectionElement):
    var cells: List[Int]

    fn __init__(out self):
        self.cells = List[Int]()


fn pick[T: CollectionElement](items: List[T], at: Int) -> T:
    return items[at].copy()


fn count(rows: List[Row]) -> Int:
    return len(pick(rows, 0).cells)
