"""The built-in rules' selection facts, in the order of ``BUILTIN_RULES``.

Generated from the rule classes by ``python -m mojolint.dev.builtin_table --update``;
do not edit by hand (tests/test_builtin_table.py fails when it and the classes disagree).
"""

from __future__ import annotations

from mojolint.rule_info import RuleInfo

BUILTIN_RULE_INFOS: tuple[RuleInfo, ...] = (
    RuleInfo(
        code="MJ001", name="io-error", module="mojolint.rules.mj001_io_error", qualname="IoError",
        fingerprint="MJ001=mojolint.rules.mj001_io_error.IoError", always_on=True,
        engine_driven=True, noqa_addable=False,
    ),
    RuleInfo(
        code="MJ002", name="syntax-error", module="mojolint.rules.mj002_syntax_error",
        qualname="SyntaxError_",
        fingerprint="MJ002=mojolint.rules.mj002_syntax_error.SyntaxError_", noqa_addable=False,
    ),
    RuleInfo(
        code="MJ003", name="internal-error", module="mojolint.rules.mj003_internal_error",
        qualname="InternalError",
        fingerprint="MJ003=mojolint.rules.mj003_internal_error.InternalError", always_on=True,
        engine_driven=True, suppressible=False, noqa_addable=False, reports_crash=True,
    ),
    RuleInfo(
        code="MJ004", name="time-budget-exceeded", module="mojolint.rules.mj004_time_budget",
        qualname="TimeBudgetExceeded",
        fingerprint="MJ004=mojolint.rules.mj004_time_budget.TimeBudgetExceeded",
        engine_driven=True, suppressible=False,
    ),
    RuleInfo(
        code="MJ100", name="unused-noqa", module="mojolint.rules.mj100_unused_noqa",
        qualname="UnusedNoqa", fingerprint="MJ100=mojolint.rules.mj100_unused_noqa.UnusedNoqa",
        engine_driven=True, noqa_addable=False,
    ),
    RuleInfo(
        code="IM001", name="unused-import", module="mojolint.rules.im001_unused_import",
        qualname="UnusedImport",
        fingerprint="IM001=mojolint.rules.im001_unused_import.UnusedImport",
    ),
    RuleInfo(
        code="IM002", name="unsorted-imports", module="mojolint.rules.im002_unsorted_imports",
        qualname="UnsortedImports",
        fingerprint="IM002=mojolint.rules.im002_unsorted_imports.UnsortedImports",
        default_enabled=False,
    ),
    RuleInfo(
        code="IM003", name="redefined-unused-name",
        module="mojolint.rules.im003_redefined_unused_name", qualname="RedefinedUnusedName",
        fingerprint="IM003=mojolint.rules.im003_redefined_unused_name.RedefinedUnusedName",
    ),
    RuleInfo(
        code="NU001", name="integer-literal-out-of-range",
        module="mojolint.rules.nu001_integer_literal_out_of_range",
        qualname="IntegerLiteralOutOfRange",
        fingerprint="NU001=mojolint.rules.nu001_integer_literal_out_of_range.IntegerLiteralOutOfRange",
    ),
    RuleInfo(
        code="NU002", name="shift-past-bit-width",
        module="mojolint.rules.nu002_shift_past_bit_width", qualname="ShiftPastBitWidth",
        fingerprint="NU002=mojolint.rules.nu002_shift_past_bit_width.ShiftPastBitWidth",
    ),
    RuleInfo(
        code="NU003", name="integer-division-by-zero",
        module="mojolint.rules.nu003_integer_division_by_zero", qualname="IntegerDivisionByZero",
        fingerprint="NU003=mojolint.rules.nu003_integer_division_by_zero.IntegerDivisionByZero",
    ),
    RuleInfo(
        code="NU004", name="float-division-by-zero",
        module="mojolint.rules.nu004_float_division_by_zero", qualname="FloatDivisionByZero",
        fingerprint="NU004=mojolint.rules.nu004_float_division_by_zero.FloatDivisionByZero",
    ),
    RuleInfo(
        code="NU005", name="simd-literal-width", module="mojolint.rules.nu005_simd_literal_width",
        qualname="SimdLiteralWidth",
        fingerprint="NU005=mojolint.rules.nu005_simd_literal_width.SimdLiteralWidth",
    ),
    RuleInfo(
        code="TE001", name="test-cannot-fail", module="mojolint.rules.te001_test_cannot_fail",
        qualname="TestCannotFail",
        fingerprint="TE001=mojolint.rules.te001_test_cannot_fail.TestCannotFail",
    ),
    RuleInfo(
        code="ST001", name="redundant-conformance",
        module="mojolint.rules.st001_redundant_conformance", qualname="RedundantConformance",
        fingerprint="ST001=mojolint.rules.st001_redundant_conformance.RedundantConformance",
        since_version="26.1",
    ),
    RuleInfo(
        code="GP001", name="divergent-barrier", module="mojolint.rules.gp001_divergent_barrier",
        qualname="DivergentBarrier",
        fingerprint="GP001=mojolint.rules.gp001_divergent_barrier.DivergentBarrier",
    ),
    RuleInfo(
        code="ME001", name="copy-double-free", module="mojolint.rules.me001_copy_double_free",
        qualname="CopyDoubleFree",
        fingerprint="ME001=mojolint.rules.me001_copy_double_free.CopyDoubleFree",
    ),
    RuleInfo(
        code="ME002", name="use-after-free", module="mojolint.rules.me002_use_after_free",
        qualname="UseAfterFree",
        fingerprint="ME002=mojolint.rules.me002_use_after_free.UseAfterFree",
    ),
    RuleInfo(
        code="ME003", name="leaked-allocation", module="mojolint.rules.me003_leaked_allocation",
        qualname="LeakedAllocation",
        fingerprint="ME003=mojolint.rules.me003_leaked_allocation.LeakedAllocation",
    ),
    RuleInfo(
        code="PF001", name="copy-at-last-use", module="mojolint.rules.pf001_copy_at_last_use",
        qualname="CopyAtLastUse",
        fingerprint="PF001=mojolint.rules.pf001_copy_at_last_use.CopyAtLastUse",
    ),
    RuleInfo(
        code="ST002", name="unused-argument", module="mojolint.rules.st002_unused_argument",
        qualname="UnusedArgument",
        fingerprint="ST002=mojolint.rules.st002_unused_argument.UnusedArgument",
        default_enabled=False,
    ),
    RuleInfo(
        code="TS001", name="mismatched-accessor",
        module="mojolint.rules.ts001_mismatched_accessor", qualname="MismatchedAccessor",
        fingerprint="TS001=mojolint.rules.ts001_mismatched_accessor.MismatchedAccessor",
        reads_tensor_api=True,
    ),
    RuleInfo(
        code="TS002", name="raw-bitcast-access", module="mojolint.rules.ts002_raw_bitcast_access",
        qualname="RawBitcastAccess",
        fingerprint="TS002=mojolint.rules.ts002_raw_bitcast_access.RawBitcastAccess",
        reads_tensor_api=True,
    ),
    RuleInfo(
        code="TS003", name="bitcast-dtype-mismatch",
        module="mojolint.rules.ts003_bitcast_dtype_mismatch", qualname="BitcastDtypeMismatch",
        fingerprint="TS003=mojolint.rules.ts003_bitcast_dtype_mismatch.BitcastDtypeMismatch",
        reads_tensor_api=True,
    ),
    RuleInfo(
        code="TS004", name="pointer-outlives-owner",
        module="mojolint.rules.ts004_pointer_outlives_owner", qualname="PointerOutlivesOwner",
        fingerprint="TS004=mojolint.rules.ts004_pointer_outlives_owner.PointerOutlivesOwner",
        reads_tensor_api=True,
    ),
    RuleInfo(
        code="TS005", name="allocation-chain", module="mojolint.rules.ts005_allocation_chain",
        qualname="AllocationChain",
        fingerprint="TS005=mojolint.rules.ts005_allocation_chain.AllocationChain",
        default_enabled=False, reads_tensor_api=True,
    ),
    RuleInfo(
        code="TS006", name="too-many-tests", module="mojolint.rules.ts006_too_many_tests",
        qualname="TooManyTests",
        fingerprint="TS006=mojolint.rules.ts006_too_many_tests.TooManyTests",
        default_enabled=False,
    ),
    RuleInfo(
        code="TS007", name="list-length-confusion",
        module="mojolint.rules.ts007_list_length_confusion", qualname="ListLengthConfusion",
        fingerprint="TS007=mojolint.rules.ts007_list_length_confusion.ListLengthConfusion",
        removed_in="26.1",
    ),
    RuleInfo(
        code="UP001", name="inout-to-mut", module="mojolint.rules.up001_inout_to_mut",
        qualname="InoutToMut", fingerprint="UP001=mojolint.rules.up001_inout_to_mut.InoutToMut",
        default_enabled=False, since_version="24.6",
    ),
    RuleInfo(
        code="UP002", name="borrowed-to-read", module="mojolint.rules.up002_borrowed_to_read",
        qualname="BorrowedToRead",
        fingerprint="UP002=mojolint.rules.up002_borrowed_to_read.BorrowedToRead",
        default_enabled=False, since_version="24.6",
    ),
    RuleInfo(
        code="UP003", name="owned-to-var", module="mojolint.rules.up003_owned_to_var",
        qualname="OwnedToVar", fingerprint="UP003=mojolint.rules.up003_owned_to_var.OwnedToVar",
        default_enabled=False, since_version="25.5", removed_in="26.2",
    ),
    RuleInfo(
        code="UP004", name="let-to-var", module="mojolint.rules.up004_let_to_var",
        qualname="LetToVar", fingerprint="UP004=mojolint.rules.up004_let_to_var.LetToVar",
        default_enabled=False, since_version="24.6", removed_in="24.6",
    ),
    RuleInfo(
        code="UP005", name="alias-to-comptime", module="mojolint.rules.up005_alias_to_comptime",
        qualname="AliasToComptime",
        fingerprint="UP005=mojolint.rules.up005_alias_to_comptime.AliasToComptime",
        default_enabled=False, since_version="25.7", removed_in="1.1",
    ),
    RuleInfo(
        code="UP006", name="value-decorator", module="mojolint.rules.up006_value_decorator",
        qualname="ValueDecorator",
        fingerprint="UP006=mojolint.rules.up006_value_decorator.ValueDecorator",
        default_enabled=False, since_version="25.5", removed_in="25.6",
    ),
    RuleInfo(
        code="UP007", name="inout-self-to-out", module="mojolint.rules.up007_inout_self_to_out",
        qualname="InoutSelfToOut",
        fingerprint="UP007=mojolint.rules.up007_inout_self_to_out.InoutSelfToOut",
        default_enabled=False, since_version="24.6",
    ),
    RuleInfo(
        code="UP008", name="fn-keyword", module="mojolint.rules.up008_fn_keyword",
        qualname="FnKeyword", fingerprint="UP008=mojolint.rules.up008_fn_keyword.FnKeyword",
        default_enabled=False, since_version="26.2", removed_in="1.0",
    ),
    RuleInfo(
        code="UP009", name="parameter-if-for", module="mojolint.rules.up009_parameter_if_for",
        qualname="ParameterIfFor",
        fingerprint="UP009=mojolint.rules.up009_parameter_if_for.ParameterIfFor",
        default_enabled=False, since_version="26.2", removed_in="1.1",
    ),
    RuleInfo(
        code="UP010", name="implicit-std-import",
        module="mojolint.rules.up010_implicit_std_import", qualname="ImplicitStdImport",
        fingerprint="UP010=mojolint.rules.up010_implicit_std_import.ImplicitStdImport",
        default_enabled=False, since_version="26.2", removed_in="1.0",
    ),
    RuleInfo(
        code="UP011", name="copyinit-moveinit", module="mojolint.rules.up011_copyinit_moveinit",
        qualname="CopyinitMoveinit",
        fingerprint="UP011=mojolint.rules.up011_copyinit_moveinit.CopyinitMoveinit",
        default_enabled=False, since_version="26.2", removed_in="1.0",
    ),
    RuleInfo(
        code="UP012", name="del-to-deinit", module="mojolint.rules.up012_del_to_deinit",
        qualname="DelToDeinit", fingerprint="UP012=mojolint.rules.up012_del_to_deinit.DelToDeinit",
        default_enabled=False, since_version="1.0",
    ),
    RuleInfo(
        code="UP013", name="read-convention", module="mojolint.rules.up013_read_convention",
        qualname="ReadConvention",
        fingerprint="UP013=mojolint.rules.up013_read_convention.ReadConvention",
        default_enabled=False, since_version="1.0", removed_in="1.1",
    ),
    RuleInfo(
        code="UP014", name="def-raises-implicitly",
        module="mojolint.rules.up014_def_raises_implicitly", qualname="DefRaisesImplicitly",
        fingerprint="UP014=mojolint.rules.up014_def_raises_implicitly.DefRaisesImplicitly",
        default_enabled=False, since_version="26.2", removed_in="26.2",
    ),
    RuleInfo(
        code="UP015", name="doc-private", module="mojolint.rules.up015_doc_private",
        qualname="DocPrivate", fingerprint="UP015=mojolint.rules.up015_doc_private.DocPrivate",
        default_enabled=False, since_version="26.2", removed_in="1.0",
    ),
    RuleInfo(
        code="UP016", name="parameter-closure", module="mojolint.rules.up016_parameter_closure",
        qualname="ParameterClosure",
        fingerprint="UP016=mojolint.rules.up016_parameter_closure.ParameterClosure",
        default_enabled=False, since_version="1.1",
    ),
    RuleInfo(
        code="UP017", name="origin-of", module="mojolint.rules.up017_origin_of",
        qualname="OriginOf", fingerprint="UP017=mojolint.rules.up017_origin_of.OriginOf",
        default_enabled=False, since_version="25.7", removed_in="25.7",
    ),
    RuleInfo(
        code="UP018", name="implicit-declaration",
        module="mojolint.rules.up018_implicit_declaration", qualname="ImplicitDeclaration",
        fingerprint="UP018=mojolint.rules.up018_implicit_declaration.ImplicitDeclaration",
        default_enabled=False, since_version="1.0", removed_in="1.1",
    ),
    RuleInfo(
        code="UP019", name="unsafe-pointer", module="mojolint.rules.up019_unsafe_pointer",
        qualname="UnsafePointerName",
        fingerprint="UP019=mojolint.rules.up019_unsafe_pointer.UnsafePointerName",
        default_enabled=False, since_version="1.0",
    ),
    RuleInfo(
        code="UP020", name="pointer-unsafe-methods",
        module="mojolint.rules.up020_pointer_unsafe_methods", qualname="PointerUnsafeMethods",
        fingerprint="UP020=mojolint.rules.up020_pointer_unsafe_methods.PointerUnsafeMethods",
        default_enabled=False, since_version="1.0",
    ),
    RuleInfo(
        code="UP021", name="pointer-offset", module="mojolint.rules.up021_pointer_offset",
        qualname="PointerOffset",
        fingerprint="UP021=mojolint.rules.up021_pointer_offset.PointerOffset",
        default_enabled=False, since_version="1.0",
    ),
    RuleInfo(
        code="UP022", name="alloc-without-layout",
        module="mojolint.rules.up022_alloc_without_layout", qualname="AllocWithoutLayout",
        fingerprint="UP022=mojolint.rules.up022_alloc_without_layout.AllocWithoutLayout",
        default_enabled=False, since_version="1.0",
    ),
    RuleInfo(
        code="UP023", name="any-origin-field", module="mojolint.rules.up023_any_origin_field",
        qualname="AnyOriginField",
        fingerprint="UP023=mojolint.rules.up023_any_origin_field.AnyOriginField",
        default_enabled=False, since_version="1.0", removed_in="1.0",
    ),
    RuleInfo(
        code="UP024", name="unbound-parameters", module="mojolint.rules.up024_unbound_parameters",
        qualname="UnboundParameters",
        fingerprint="UP024=mojolint.rules.up024_unbound_parameters.UnboundParameters",
        default_enabled=False, since_version="26.1", removed_in="26.2",
    ),
    RuleInfo(
        code="UP025", name="address-of", module="mojolint.rules.up025_address_of",
        qualname="AddressOf", fingerprint="UP025=mojolint.rules.up025_address_of.AddressOf",
        default_enabled=False, since_version="25.6",
    ),
    RuleInfo(
        code="UP026", name="register-passable", module="mojolint.rules.up026_register_passable",
        qualname="RegisterPassable",
        fingerprint="UP026=mojolint.rules.up026_register_passable.RegisterPassable",
        default_enabled=False, since_version="26.2", removed_in="26.2",
    ),
    RuleInfo(
        code="UP027", name="collection-element", module="mojolint.rules.up027_collection_element",
        qualname="CollectionElement",
        fingerprint="UP027=mojolint.rules.up027_collection_element.CollectionElement",
        default_enabled=False, since_version="25.6", removed_in="25.6",
    ),
    RuleInfo(
        code="UP028", name="inline-array", module="mojolint.rules.up028_inline_array",
        qualname="InlineArray", fingerprint="UP028=mojolint.rules.up028_inline_array.InlineArray",
        default_enabled=False, since_version="1.0", removed_in="1.1",
    ),
    RuleInfo(
        code="UP029", name="stringable", module="mojolint.rules.up029_stringable",
        qualname="Stringable", fingerprint="UP029=mojolint.rules.up029_stringable.Stringable",
        default_enabled=False, since_version="26.2", removed_in="1.0",
    ),
    RuleInfo(
        code="UP030", name="len-string", module="mojolint.rules.up030_len_string",
        qualname="LenString", fingerprint="UP030=mojolint.rules.up030_len_string.LenString",
        default_enabled=False, since_version="1.0", removed_in="1.0",
    ),
    RuleInfo(
        code="UP031", name="removed-std-module", module="mojolint.rules.up031_removed_std_module",
        qualname="RemovedStdModule",
        fingerprint="UP031=mojolint.rules.up031_removed_std_module.RemovedStdModule",
        default_enabled=False, since_version="26.2", removed_in="26.2",
    ),
    RuleInfo(
        code="UP032", name="gpu-moved-to-max", module="mojolint.rules.up032_gpu_to_max",
        qualname="GpuToMax", fingerprint="UP032=mojolint.rules.up032_gpu_to_max.GpuToMax",
        default_enabled=False, since_version="1.0", removed_in="1.0",
    ),
    RuleInfo(
        code="UP033", name="type-of", module="mojolint.rules.up033_type_of", qualname="TypeOf",
        fingerprint="UP033=mojolint.rules.up033_type_of.TypeOf", default_enabled=False,
        since_version="25.7", removed_in="25.7",
    ),
    RuleInfo(
        code="UP034", name="constrained", module="mojolint.rules.up034_constrained",
        qualname="Constrained", fingerprint="UP034=mojolint.rules.up034_constrained.Constrained",
        default_enabled=False, since_version="26.2", removed_in="1.0",
    ),
    RuleInfo(
        code="UP035", name="sys-size-functions", module="mojolint.rules.up035_sys_size_functions",
        qualname="SysSizeFunctions",
        fingerprint="UP035=mojolint.rules.up035_sys_size_functions.SysSizeFunctions",
        default_enabled=False, since_version="25.6", removed_in="25.7",
    ),
    RuleInfo(
        code="UP036", name="dtype-is", module="mojolint.rules.up036_dtype_is", qualname="DTypeIs",
        fingerprint="UP036=mojolint.rules.up036_dtype_is.DTypeIs", default_enabled=False,
        since_version="26.1", removed_in="26.1",
    ),
)
