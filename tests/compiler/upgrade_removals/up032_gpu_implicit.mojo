# UP032 with UP010: implicit `gpu` imports in the 0.26.1 dialect.
from gpu import DeviceContext, HostBuffer
from gpu import thread_idx
from gpu.memory import AddressSpace
import gpu
import gpu.host as host


fn first_lane() -> Bool:
    gpu.barrier()
    return Int(thread_idx.x) == 0


fn pinned(ctx: DeviceContext) raises -> HostBuffer[DType.int32]:
    return ctx.enqueue_create_host_buffer[DType.int32](8)


fn device_count() raises -> Int:
    return host.DeviceContext.number_of_devices()


fn space() -> AddressSpace:
    return AddressSpace.GLOBAL
