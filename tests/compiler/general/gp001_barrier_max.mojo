from max.gpu import barrier, thread_idx


def stage(data: Pointer[Float32, MutUntrackedOrigin], n: Int):
    var tid = Int(thread_idx.x)
    if tid < n:
        data[unsafe_offset=tid] = 0.0
        barrier()  # expect: GP001
