"""Built-in rules, one module per rule.

``BUILTIN_RULES`` is the one table that maps a code to the class that implements it. The
registry imports every module in it when it loads (about 25 ms of a run); a rule's own
imports should stay light.
"""

from __future__ import annotations

BUILTIN_RULES: dict[str, str] = {
    "MJ001": "mojolint.rules.mj001_io_error:IoError",
    "MJ002": "mojolint.rules.mj002_syntax_error:SyntaxError_",
    "MJ003": "mojolint.rules.mj003_internal_error:InternalError",
    "MJ004": "mojolint.rules.mj004_time_budget:TimeBudgetExceeded",
    "MJ100": "mojolint.rules.mj100_unused_noqa:UnusedNoqa",
    "IM001": "mojolint.rules.im001_unused_import:UnusedImport",
    "IM002": "mojolint.rules.im002_unsorted_imports:UnsortedImports",
    "IM003": "mojolint.rules.im003_redefined_unused_name:RedefinedUnusedName",
    "NU001": "mojolint.rules.nu001_integer_literal_out_of_range:IntegerLiteralOutOfRange",
    "NU002": "mojolint.rules.nu002_shift_past_bit_width:ShiftPastBitWidth",
    "NU003": "mojolint.rules.nu003_integer_division_by_zero:IntegerDivisionByZero",
    "NU004": "mojolint.rules.nu004_float_division_by_zero:FloatDivisionByZero",
    "NU005": "mojolint.rules.nu005_simd_literal_width:SimdLiteralWidth",
    "TE001": "mojolint.rules.te001_test_cannot_fail:TestCannotFail",
    "ST001": "mojolint.rules.st001_redundant_conformance:RedundantConformance",
    "GP001": "mojolint.rules.gp001_divergent_barrier:DivergentBarrier",
    "ME001": "mojolint.rules.me001_copy_double_free:CopyDoubleFree",
    "ME002": "mojolint.rules.me002_use_after_free:UseAfterFree",
    "ME003": "mojolint.rules.me003_leaked_allocation:LeakedAllocation",
    "PF001": "mojolint.rules.pf001_copy_at_last_use:CopyAtLastUse",
    "ST002": "mojolint.rules.st002_unused_argument:UnusedArgument",
    "TS001": "mojolint.rules.ts001_mismatched_accessor:MismatchedAccessor",
    "TS002": "mojolint.rules.ts002_raw_bitcast_access:RawBitcastAccess",
    "TS003": "mojolint.rules.ts003_bitcast_dtype_mismatch:BitcastDtypeMismatch",
    "TS004": "mojolint.rules.ts004_pointer_outlives_owner:PointerOutlivesOwner",
    "TS005": "mojolint.rules.ts005_allocation_chain:AllocationChain",
    "TS006": "mojolint.rules.ts006_too_many_tests:TooManyTests",
    "TS007": "mojolint.rules.ts007_list_length_confusion:ListLengthConfusion",
    "UP001": "mojolint.rules.up001_inout_to_mut:InoutToMut",
    "UP002": "mojolint.rules.up002_borrowed_to_read:BorrowedToRead",
    "UP003": "mojolint.rules.up003_owned_to_var:OwnedToVar",
    "UP004": "mojolint.rules.up004_let_to_var:LetToVar",
    "UP005": "mojolint.rules.up005_alias_to_comptime:AliasToComptime",
    "UP006": "mojolint.rules.up006_value_decorator:ValueDecorator",
    "UP007": "mojolint.rules.up007_inout_self_to_out:InoutSelfToOut",
    "UP008": "mojolint.rules.up008_fn_keyword:FnKeyword",
    "UP009": "mojolint.rules.up009_parameter_if_for:ParameterIfFor",
    "UP010": "mojolint.rules.up010_implicit_std_import:ImplicitStdImport",
    "UP011": "mojolint.rules.up011_copyinit_moveinit:CopyinitMoveinit",
    "UP012": "mojolint.rules.up012_del_to_deinit:DelToDeinit",
    "UP013": "mojolint.rules.up013_read_convention:ReadConvention",
    "UP014": "mojolint.rules.up014_def_raises_implicitly:DefRaisesImplicitly",
    "UP015": "mojolint.rules.up015_doc_private:DocPrivate",
    "UP016": "mojolint.rules.up016_parameter_closure:ParameterClosure",
    "UP017": "mojolint.rules.up017_origin_of:OriginOf",
    "UP018": "mojolint.rules.up018_implicit_declaration:ImplicitDeclaration",
    "UP019": "mojolint.rules.up019_unsafe_pointer:UnsafePointerName",
    "UP020": "mojolint.rules.up020_pointer_unsafe_methods:PointerUnsafeMethods",
    "UP021": "mojolint.rules.up021_pointer_offset:PointerOffset",
    "UP022": "mojolint.rules.up022_alloc_without_layout:AllocWithoutLayout",
    "UP023": "mojolint.rules.up023_any_origin_field:AnyOriginField",
    "UP024": "mojolint.rules.up024_unbound_parameters:UnboundParameters",
    "UP025": "mojolint.rules.up025_address_of:AddressOf",
    "UP026": "mojolint.rules.up026_register_passable:RegisterPassable",
    "UP027": "mojolint.rules.up027_collection_element:CollectionElement",
    "UP028": "mojolint.rules.up028_inline_array:InlineArray",
    "UP029": "mojolint.rules.up029_stringable:Stringable",
    "UP030": "mojolint.rules.up030_len_string:LenString",
    "UP031": "mojolint.rules.up031_removed_std_module:RemovedStdModule",
    "UP032": "mojolint.rules.up032_gpu_to_max:GpuToMax",
}

# Renamed rules: the old code and the code that replaced it. As in ruff, the old code keeps
# working wherever a code is written (select, ignore, per-file-ignores, fixable, `[rules.OLD]`
# options, noqa comments), with a warning for configuration and command-line selections.
REDIRECTS: dict[str, str] = {
    "TS008": "NU004",  # nan-by-division became float-division-by-zero (issue 14)
}
