# UP032: GPU code in the 0.26.2 dialect, importing from the standard library's `gpu`.
from std.gpu import WARP_SIZE, block_dim, block_idx, thread_idx
from std.gpu import barrier
from std.gpu.globals import WARPGROUP_SIZE
from std.gpu.host import DeviceBuffer, DeviceContext
from std.gpu.host.info import is_gpu
from std.gpu.intrinsics import threadfence
from std.gpu.memory import AddressSpace
from std.gpu.primitives.warp import shuffle_down
from std.gpu.sync import syncwarp
from std.gpu.compute.arch.tcgen05 import *
import std.gpu.primitives.warp as warp


def lane_total(x: Float32) -> Float32:
    barrier()
    syncwarp()
    threadfence()
    tcgen05_fence_before()
    var index = Int(block_idx.x) * Int(block_dim.x) + Int(thread_idx.x)
    var below = shuffle_down(x, 1)
    return warp.sum(below) + Float32(index + WARP_SIZE + WARPGROUP_SIZE)


def staging(ctx: DeviceContext) raises -> DeviceBuffer[DType.float32]:
    return ctx.enqueue_create_buffer[DType.float32](64)


def on_device() -> Bool:
    return is_gpu("nvidia:90a")


def shared_space() -> AddressSpace:
    return AddressSpace.SHARED
