"""Built-in rules, one module per rule.

``BUILTIN_RULES`` is the one table of the classes that implement them (each class carries
its code, name and the rest of its metadata). Importing this package imports every rule
module (about 25 ms of a run); a rule's own imports should stay light.
"""

from __future__ import annotations

from mojolint.rule import Rule

from .gp001_divergent_barrier import DivergentBarrier
from .im001_unused_import import UnusedImport
from .im002_unsorted_imports import UnsortedImports
from .im003_redefined_unused_name import RedefinedUnusedName
from .me001_copy_double_free import CopyDoubleFree
from .me002_use_after_free import UseAfterFree
from .me003_leaked_allocation import LeakedAllocation
from .mj001_io_error import IoError
from .mj002_syntax_error import SyntaxError_
from .mj003_internal_error import InternalError
from .mj004_time_budget import TimeBudgetExceeded
from .mj100_unused_noqa import UnusedNoqa
from .nu001_integer_literal_out_of_range import IntegerLiteralOutOfRange
from .nu002_shift_past_bit_width import ShiftPastBitWidth
from .nu003_integer_division_by_zero import IntegerDivisionByZero
from .nu004_float_division_by_zero import FloatDivisionByZero
from .nu005_simd_literal_width import SimdLiteralWidth
from .pf001_copy_at_last_use import CopyAtLastUse
from .st001_redundant_conformance import RedundantConformance
from .st002_unused_argument import UnusedArgument
from .te001_test_cannot_fail import TestCannotFail
from .ts001_mismatched_accessor import MismatchedAccessor
from .ts002_raw_bitcast_access import RawBitcastAccess
from .ts003_bitcast_dtype_mismatch import BitcastDtypeMismatch
from .ts004_pointer_outlives_owner import PointerOutlivesOwner
from .ts005_allocation_chain import AllocationChain
from .ts006_too_many_tests import TooManyTests
from .ts007_list_length_confusion import ListLengthConfusion
from .up001_inout_to_mut import InoutToMut
from .up002_borrowed_to_read import BorrowedToRead
from .up003_owned_to_var import OwnedToVar
from .up004_let_to_var import LetToVar
from .up005_alias_to_comptime import AliasToComptime
from .up006_value_decorator import ValueDecorator
from .up007_inout_self_to_out import InoutSelfToOut
from .up008_fn_keyword import FnKeyword
from .up009_parameter_if_for import ParameterIfFor
from .up010_implicit_std_import import ImplicitStdImport
from .up011_copyinit_moveinit import CopyinitMoveinit
from .up012_del_to_deinit import DelToDeinit
from .up013_read_convention import ReadConvention
from .up014_def_raises_implicitly import DefRaisesImplicitly
from .up015_doc_private import DocPrivate
from .up016_parameter_closure import ParameterClosure
from .up017_origin_of import OriginOf
from .up018_implicit_declaration import ImplicitDeclaration
from .up019_unsafe_pointer import UnsafePointerName
from .up020_pointer_unsafe_methods import PointerUnsafeMethods
from .up021_pointer_offset import PointerOffset
from .up022_alloc_without_layout import AllocWithoutLayout
from .up023_any_origin_field import AnyOriginField
from .up024_unbound_parameters import UnboundParameters
from .up025_address_of import AddressOf
from .up026_register_passable import RegisterPassable
from .up027_collection_element import CollectionElement
from .up028_inline_array import InlineArray
from .up029_stringable import Stringable
from .up030_len_string import LenString
from .up031_removed_std_module import RemovedStdModule
from .up032_gpu_to_max import GpuToMax
from .up033_type_of import TypeOf
from .up034_constrained import Constrained
from .up035_sys_size_functions import SysSizeFunctions
from .up036_dtype_is import DTypeIs

BUILTIN_RULES: tuple[type[Rule], ...] = (
    IoError,
    SyntaxError_,
    InternalError,
    TimeBudgetExceeded,
    UnusedNoqa,
    UnusedImport,
    UnsortedImports,
    RedefinedUnusedName,
    IntegerLiteralOutOfRange,
    ShiftPastBitWidth,
    IntegerDivisionByZero,
    FloatDivisionByZero,
    SimdLiteralWidth,
    TestCannotFail,
    RedundantConformance,
    DivergentBarrier,
    CopyDoubleFree,
    UseAfterFree,
    LeakedAllocation,
    CopyAtLastUse,
    UnusedArgument,
    MismatchedAccessor,
    RawBitcastAccess,
    BitcastDtypeMismatch,
    PointerOutlivesOwner,
    AllocationChain,
    TooManyTests,
    ListLengthConfusion,
    InoutToMut,
    BorrowedToRead,
    OwnedToVar,
    LetToVar,
    AliasToComptime,
    ValueDecorator,
    InoutSelfToOut,
    FnKeyword,
    ParameterIfFor,
    ImplicitStdImport,
    CopyinitMoveinit,
    DelToDeinit,
    ReadConvention,
    DefRaisesImplicitly,
    DocPrivate,
    ParameterClosure,
    OriginOf,
    ImplicitDeclaration,
    UnsafePointerName,
    PointerUnsafeMethods,
    PointerOffset,
    AllocWithoutLayout,
    AnyOriginField,
    UnboundParameters,
    AddressOf,
    RegisterPassable,
    CollectionElement,
    InlineArray,
    Stringable,
    LenString,
    RemovedStdModule,
    GpuToMax,
    TypeOf,
    Constrained,
    SysSizeFunctions,
    DTypeIs,
)
