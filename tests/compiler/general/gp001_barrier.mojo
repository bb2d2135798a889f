from gpu import barrier, thread_idx
from memory import UnsafePointer


fn stage(data: UnsafePointer[Float32, MutAnyOrigin], n: Int):
    var tid = Int(thread_idx.x)
    if tid < n:
        data[tid] = 0.0
        barrier()  # expect: GP001
