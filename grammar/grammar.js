/**
 * @file Mojo grammar for tree-sitter, owned by the mojolint project.
 * @license MIT
 *
 * Mojo's surface syntax is Python's plus declarations, argument conventions and
 * compile-time parameters, so this grammar extends tree-sitter-python (an npm
 * dependency, see package.json and NOTICE) the way tree-sitter-cpp extends
 * tree-sitter-c. It reads every dialect since 2024: `inout`/`owned`/`let`/`@value`,
 * `fn`/`alias`/`@parameter`, and `def`/`comptime`/`imm`/`deinit`, because the most
 * useful lint rules exist to find the old forms.
 *
 * Layout (indentation, newlines), string contents and comments come from this
 * project's own external scanner, src/scanner.c.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const Python = require('tree-sitter-python/grammar');

const PREC = {
  ...Python.PREC,
  transfer: 23,
};

// Argument conventions, oldest first. Several are also ordinary names elsewhere
// (`out`, `ref`, `mut`, `take`, `move`), so the grammar lets them be identifiers too.
const CONVENTIONS = [
  'inout', 'borrowed', 'owned', 'mut', 'out', 'read', 'imm', 'var', 'deinit', 'take',
  'move',
];

// Keywords that real Mojo code also uses as names of variables, parameters or fields.
const SOFT_KEYWORDS = [
  'out', 'ref', 'mut', 'read', 'imm', 'owned', 'inout', 'borrowed', 'take', 'move',
  'deinit',
];

module.exports = grammar(Python, {
  name: 'mojo',

  externals: ($, original) => [
    ...original,
    // The caret of a transfer `x^`, told from xor by what follows it (see scanner.c).
    $._transfer_caret,
  ],

  conflicts: ($, original) => [
    [$.primary_expression, $.pattern],
    [$.primary_expression, $.list_splat_pattern],
    [$.tuple, $.tuple_pattern],
    [$.list, $.list_pattern],
    [$.with_item, $._collection_elements],
    [$.named_expression, $.as_pattern],
    [$.argument_convention, $._soft_keyword],
    [$.function_type_parameter, $.primary_expression],
    [$.variable_declaration, $._soft_keyword],
    [$.for_statement, $._soft_keyword],
    [$._collection_elements, $.origin_specifier],
    [$.ref_type, $._soft_keyword],
    [$.binding_pattern, $._soft_keyword],
    [$.primary_expression, $._name],
    [$._collection_elements, $.initializer_list],
    [$.ref_argument, $._soft_keyword],
  ],

  reserved: {
    global: _ => [
      'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
      'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
      'from', 'global', 'if', 'import', 'in', 'is', 'nonlocal', 'not', 'or',
      'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'fn',
    ],
  },

  rules: {
    // ------------------------------------------------------------------ statements

    _simple_statement: ($, original) => choice(
      $.future_import_statement,
      $.import_statement,
      $.import_from_statement,
      $.assert_statement,
      $.expression_statement,
      $.return_statement,
      $.delete_statement,
      $.raise_statement,
      $.pass_statement,
      $.break_statement,
      $.continue_statement,
      $.global_statement,
      $.nonlocal_statement,
      $.comptime_declaration,
      $.variable_declaration,
      $.disable_del_statement,
    ),

    // `__disable_del self` (2024 standard library internals)
    disable_del_statement: $ => seq('__disable_del', $.expression),

    _compound_statement: $ => choice(
      $.if_statement,
      $.for_statement,
      $.while_statement,
      $.try_statement,
      $.with_statement,
      $.function_definition,
      $.class_definition,
      $.struct_definition,
      $.trait_definition,
      $.extension_definition,
      $.decorated_definition,
    ),

    // `import .x` (removed in 1.0) next to Python's forms.
    import_statement: $ => seq(
      'import',
      choice($._import_list, field('name', $.relative_import)),
    ),

    // `comptime assert cond, "message"` evaluates at compile time.
    assert_statement: $ => seq(
      optional(field('comptime', 'comptime')),
      'assert',
      commaSep1($.expression),
    ),

    // `alias N = 4`, `comptime N: Int = 4`, `comptime Vec[n: Int] = SIMD[f32, n]`,
    // and trait requirements without a value, `comptime Element: AnyType`.
    comptime_declaration: $ => prec.right(seq(
      field('keyword', choice('alias', 'comptime')),
      choice(
        seq(
          field('name', $._name),
          optional(field('parameters', $.compile_time_parameters)),
          optional(field('where', $.where_clause)),
        ),
        field('name', $.pattern_list),
      ),
      optional(seq(':', field('type', $.type))),
      optional(seq('=', field('value', $._right_hand_side))),
    )),

    // A declaration may stand where an assignment's value goes, so declarations chain:
    // `ref a = var b = s`, `x = var y = s`.
    _right_hand_side: ($, original) => choice(original, $.variable_declaration),

    // `var x: Int = 4`, `let y = 1` (before 24.4), `ref r = xs[0]`, `var a, b = t`.
    variable_declaration: $ => prec.right(seq(
      field('keyword', choice('var', 'let', 'ref')),
      field('name', choice($.pattern, $.pattern_list)),
      optional(seq(':', field('type', $.type))),
      optional(seq('=', field('value', $._right_hand_side))),
    )),

    // `comptime if` (26.2) and plain `if`; `@parameter if` is a decorated_definition.
    if_statement: $ => seq(
      optional(field('comptime', 'comptime')),
      'if',
      field('condition', $.expression),
      ':',
      field('consequence', $._suite),
      repeat(field('alternative', $.elif_clause)),
      optional(field('alternative', $.else_clause)),
    ),

    // `comptime for`, `for ref item in xs`, `for var i in range(n)`.
    for_statement: $ => seq(
      optional(choice(field('comptime', 'comptime'), 'async')),
      'for',
      optional(field('binding', choice('ref', 'var'))),
      field('left', $._left_hand_side),
      'in',
      field('right', $._expressions),
      ':',
      field('body', $._suite),
      field('alternative', optional($.else_clause)),
    ),

    decorated_definition: $ => seq(
      repeat1($.decorator),
      field('definition', choice(
        $.class_definition,
        $.function_definition,
        $.struct_definition,
        $.trait_definition,
        // `@parameter if` / `@parameter for` (compile-time before 26.2)
        $.if_statement,
        $.for_statement,
        // `@__allow_legacy_any_origin_fields var p: T` on a struct field
        $._decorated_declaration,
      )),
    ),

    _decorated_declaration: $ => seq(
      choice($.variable_declaration, $.comptime_declaration),
      $._newline,
    ),

    // ------------------------------------------------------------------ functions

    function_definition: $ => seq(
      optional('async'),
      // `__mlir_region` bodies appear in the 2024 standard library.
      field('keyword', choice('def', 'fn', '__mlir_region')),
      field('name', $._name),
      optional(field('type_parameters', $.compile_time_parameters)),
      field('parameters', $.parameters),
      repeat(field('effect', $._function_effect)),
      optional(seq('->', field('return_type', $._return_type))),
      repeat(field('where', $.where_clause)),
      ':',
      field('body', $._suite),
    ),

    _function_effect: $ => choice(
      $.raises_clause,
      $.capturing_clause,
      $.escaping_clause,
      $.capture_list,
      $.thin_clause,
      $.abi_clause,
    ),

    // `thin` marks a function type with no context.
    thin_clause: _ => 'thin',

    // `abi("C")` picks a calling convention for exported functions.
    abi_clause: $ => seq('abi', '(', field('name', $.string), ')'),

    // `raises`, or typed `raises MyError`.
    raises_clause: $ => prec.right(seq(
      'raises',
      optional(field('type', $.error_type)),
    )),

    // The error type of typed `raises`: a name, possibly qualified.
    error_type: $ => choice(
      prec.right(seq(
        $.identifier,
        repeat(seq('.', $.identifier)),
        optional(seq('[', commaSep1($.expression), optional(','), ']')),
      )),
      // `raises [IOError]`
      seq('[', $.identifier, repeat(seq('.', $.identifier)), ']'),
    ),

    // `capturing` or `capturing [_]` / `capturing[origins]`.
    capturing_clause: $ => prec.right(seq(
      'capturing',
      optional(seq('[', optional(commaSep1($.expression)), optional(','), ']')),
    )),

    escaping_clause: _ => 'escaping',

    // Closure captures: `unified {mut x, read y}` (1.0 betas), `{read}`, `{var a, b}`.
    capture_list: $ => seq(
      optional('unified'),
      '{',
      optional(seq(commaSep1($.capture), optional(','))),
      '}',
    ),

    // `read x`, `mut` (every capture), `var data^` (moved in), `data^` (same as `var
    // data^`), `var^` (the closure value itself becomes copyable, 1.2).
    capture: $ => choice(
      prec.dynamic(1, seq(
        field('convention', $.argument_convention),
        optional(field('name', $._name)),
        optional(alias($._transfer_caret, '^')),
      )),
      seq(field('name', $._name), optional(alias($._transfer_caret, '^'))),
    ),

    where_clause: $ => prec.right(seq('where', field('condition', $.expression))),

    _return_type: $ => choice($.type, $.ref_type),

    // `-> ref [origin] T` and `-> ref T`.
    ref_type: $ => seq(
      'ref',
      optional(field('origin', $.origin_specifier)),
      field('type', $.type),
    ),

    origin_specifier: $ => prec(1, seq('[', optional(seq(commaSep1($.expression), optional(','))), ']')),

    // `[dtype: DType, width: Int = 1, //, *Ts: AnyType]`
    compile_time_parameters: $ => seq(
      '[',
      optional(seq(commaSep1($.parameter), optional(','))),
      ']',
    ),

    parameters: $ => seq(
      '(',
      optional(seq(commaSep1($.parameter), optional(','))),
      ')',
    ),

    parameter: $ => choice(
      $.identifier,
      alias($._soft_keyword, $.identifier),
      $.typed_parameter,
      $.default_parameter,
      $.typed_default_parameter,
      $.convention_parameter,
      $.list_splat_pattern,
      $.tuple_pattern,
      $.keyword_separator,
      $.positional_separator,
      $.infer_only_separator,
      $.dictionary_splat_pattern,
    ),

    // A convention is a node of its own so rules can find and rewrite it:
    // `inout self`, `owned x: T`, `ref [o] self`, `deinit self`, `var *args: Int`.
    argument_convention: $ => choice(
      ...CONVENTIONS,
      seq('ref', optional(field('origin', $.origin_specifier))),
    ),

    _parameter_name: $ => choice(
      $.identifier,
      alias($._soft_keyword, $.identifier),
    ),

    // `mut self`, `out self`: a convention with no type.
    convention_parameter: $ => prec(1, seq(
      field('convention', $.argument_convention),
      field('name', choice($._parameter_name, $.list_splat_pattern,
        $.dictionary_splat_pattern)),
    )),

    typed_parameter: $ => prec(PREC.typed_parameter, seq(
      optional(field('convention', $.argument_convention)),
      field('name', choice($._parameter_name, $.list_splat_pattern,
        $.dictionary_splat_pattern)),
      ':',
      field('type', $.type),
    )),

    typed_default_parameter: $ => prec(PREC.typed_parameter, seq(
      optional(field('convention', $.argument_convention)),
      field('name', $._parameter_name),
      ':',
      field('type', $.type),
      '=',
      field('value', $.expression),
    )),

    default_parameter: $ => seq(
      field('name', choice($._parameter_name, $.tuple_pattern)),
      '=',
      field('value', $.expression),
    ),

    infer_only_separator: _ => '//',

    // `fn (Int, mut x: T) raises escaping -> T` used as a type.
    function_type: $ => prec.right(seq(
      field('keyword', choice('fn', 'def')),
      optional(field('type_parameters', $.compile_time_parameters)),
      field('parameters', $.function_type_parameters),
      repeat(field('effect', $._function_effect)),
      optional(seq('->', field('return_type', $._return_type))),
    )),

    function_type_parameters: $ => seq(
      '(',
      optional(seq(commaSep1($.function_type_parameter), optional(','))),
      ')',
    ),

    function_type_parameter: $ => choice(
      seq(optional(field('convention', $.argument_convention)), field('type', $.type)),
      $.typed_parameter,
      $.typed_default_parameter,
      $.keyword_separator,
      $.positional_separator,
      $.list_splat_pattern,
      $.dictionary_splat_pattern,
    ),

    // ------------------------------------------------------------------ types

    // `struct Span[mut: Bool, //, T: Copyable](Sized, Writable):`
    struct_definition: $ => seq(
      'struct',
      field('name', $._name),
      optional(field('type_parameters', $.compile_time_parameters)),
      optional(field('conformances', $.conformance_list)),
      optional(field('where', $.where_clause)),
      ':',
      field('body', $._suite),
    ),

    trait_definition: $ => seq(
      'trait',
      field('name', $._name),
      optional(field('type_parameters', $.compile_time_parameters)),
      optional(field('conformances', $.conformance_list)),
      ':',
      field('body', $._suite),
    ),

    conformance_list: $ => seq(
      '(',
      optional(seq(commaSep1(choice($.expression, $.conditional_conformance)),
        optional(','))),
      ')',
    ),

    // `Copyable where conforms_to(T, Copyable)`
    conditional_conformance: $ => seq(
      field('trait', $.expression),
      field('where', $.where_clause),
    ),

    // `__extension Name[...](Traits):` adds methods and conformances to a type.
    extension_definition: $ => prec(1, seq(
      '__extension',
      field('name', choice($._name, $.subscript)),
      optional(field('conformances', $.conformance_list)),
      ':',
      field('body', $._suite),
    )),

    class_definition: $ => seq(
      'class',
      field('name', $._name),
      optional(field('type_parameters', $.compile_time_parameters)),
      optional(field('superclasses', $.argument_list)),
      ':',
      field('body', $._suite),
    ),

    type: $ => choice(
      prec(1, $.expression),
      $.splat_type,
    ),

    // ------------------------------------------------------------------ expressions

    // Mojo has no lambda expressions.
    expression: $ => choice(
      $.comparison_operator,
      $.not_operator,
      $.boolean_operator,
      $.primary_expression,
      $.conditional_expression,
      $.named_expression,
      $.as_pattern,
    ),

    _expression_within_for_in_clause: $ => $.expression,

    primary_expression: ($, original) => choice(
      original,
      $.transfer_expression,
      $.function_type,
      $.initializer_list,
      $.struct_literal,
    ),

    // `{ptr = p, length = n}` builds the value a context expects (1.x); positional
    // elements may come first, `{ctx, name = n}`. At least one element is a keyword
    // argument: without one, `{a, b}` is a set.
    initializer_list: $ => seq(
      '{',
      repeat(seq($.expression, ',')),
      $.keyword_argument,
      repeat(seq(',', choice($.expression, $.keyword_argument))),
      optional(','),
      '}',
    ),

    // `f(ref x.field)` passes a reference to a place (1.1).
    argument_list: $ => seq(
      '(',
      optional(commaSep1(
        choice(
          $.expression,
          $.list_splat,
          $.dictionary_splat,
          alias($.parenthesized_list_splat, $.parenthesized_expression),
          $.keyword_argument,
          $.ref_argument,
        ),
      )),
      optional(','),
      ')',
    ),

    ref_argument: $ => prec.dynamic(1, seq('ref', field('value', $.primary_expression))),

    // `StringRef {data: p, length: 1}` (2024).
    struct_literal: $ => prec(PREC.call, seq(
      field('type', $.identifier),
      field('fields', $.dictionary),
    )),

    // Unpacking targets may declare as they bind: `n, ref chars = f()`, `(var x) = t`.
    binding_pattern: $ => seq(
      field('keyword', choice('var', 'ref')),
      field('name', $.pattern),
    ),

    _patterns: $ => seq(
      commaSep1(choice($.pattern, $.binding_pattern)),
      optional(','),
    ),

    pattern_list: $ => seq(
      $.pattern,
      choice(
        ',',
        seq(repeat1(seq(',', choice($.pattern, $.binding_pattern))), optional(',')),
      ),
    ),

    // Assignment targets include calls that return references: `opt.value() = 2`.
    pattern: ($, original) => choice(original, $.call),

    // `x^` ends x's lifetime here and moves its value.
    transfer_expression: $ => prec(PREC.transfer, seq(
      field('value', $.primary_expression),
      alias($._transfer_caret, '^'),
    )),

    // `x[i]`, `T[dtype=DType.float32, 4]`, `ptr[]` (dereference), `Tuple[*Ts]`.
    subscript: $ => prec(PREC.call, seq(
      field('value', $.primary_expression),
      '[',
      optional(seq(
        commaSep1(field('subscript', choice(
          $.expression, $.slice, $.keyword_argument, $.keyword_slice, $.list_splat,
          $.dictionary_splat,
        ))),
        optional(','),
      )),
      ']',
    )),

    // `s[byte=1:3]`
    keyword_slice: $ => seq(
      field('name', $.identifier),
      '=',
      field('value', $.slice),
    ),

    // Python's `type X = ...` and `match` statements are not Mojo: leave them out.
    type_alias_statement: _ => token(prec(-100, '\u0000type_alias')),
    match_statement: _ => token(prec(-100, '\u0000match')),
    print_statement: _ => token(prec(-100, '\u0000print')),
    exec_statement: _ => token(prec(-100, '\u0000exec')),

    keyword_identifier: $ => choice(
      prec(-3, alias(choice('async', 'await'), $.identifier)),
      alias($._soft_keyword, $.identifier),
    ),

    _soft_keyword: _ => choice(...SOFT_KEYWORDS),

    _name: $ => choice($.identifier, alias($._soft_keyword, $.identifier)),

    attribute: $ => prec(PREC.call, seq(
      field('object', $.primary_expression),
      '.',
      field('attribute', $._name),
    )),

    // Backtick names (`` `!kgen.pointer<none>` ``) appear after `__mlir_type.` and as
    // ordinary identifiers that would otherwise be keywords.
    identifier: _ => token(choice(
      /[_\p{XID_Start}][_\p{XID_Continue}]*/,
      /`[^`\n]+`/,
    )),

    // Everything up to the end of the line, spelled as explicit ranges: the generator
    // turns `.` and `[^\r\n]` into sets that miss U+017F and U+212A.
    comment: _ => token(seq('#', /[\x01-\x09\x0b\x0c\x0e-\u{10FFFF}]*/u)),

    keyword_argument: $ => seq(
      field('name', choice($.identifier, $.keyword_identifier)),
      '=',
      field('value', choice($.expression, $.ref_argument)),
    ),

    // Mojo allows underscores anywhere after a literal's first digit (`1__000`, `1_`,
    // `0x_FF`); Python allows one between digits only.
    integer: _ => token(choice(
      /0[xX]_*[0-9A-Fa-f][0-9A-Fa-f_]*/,
      /0[oO]_*[0-7][0-7_]*/,
      /0[bB]_*[01][01_]*/,
      /[0-9][0-9_]*/,
    )),

    float: _ => {
      const digits = /[0-9][0-9_]*/;
      const exponent = seq(/[eE][\+-]?/, digits);
      return token(choice(
        seq(digits, '.', optional(digits), optional(exponent)),
        seq('.', digits, optional(exponent)),
        seq(digits, exponent),
      ));
    },
  },
});

/**
 * @param {RuleOrLiteral} rule
 * @returns {SeqRule}
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}
