/*
 * External scanner for the mojolint Mojo grammar.
 *
 * Mojo is indentation-sensitive like Python, so a context-free lexer cannot produce the
 * NEWLINE / INDENT / DEDENT tokens or find where a string's contents end. This scanner
 * keeps two stacks across tokens:
 *   - the indentation widths of the open blocks;
 *   - the delimiters of the open string literals (quote, triple, raw, format).
 *
 * Layout tokens are zero-width: NEWLINE and DEDENT sit at the end of the line that
 * closes a statement or block, and INDENT sits at the first token of the block. Comments
 * are scanned here too, so they can hold any character.
 *
 * It also tells the caret of a transfer (`x^`) from xor (`a ^ b`) by looking past it.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Must match the order of `externals` in grammar.js. */
enum TokenType {
  NEWLINE,
  INDENT,
  DEDENT,
  STRING_START,
  STRING_CONTENT,
  ESCAPE_INTERPOLATION,
  STRING_END,
  COMMENT,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  CLOSE_BRACE,
  EXCEPT,
  TRANSFER_CARET,
};

/* Bits of a string delimiter. */
enum {
  DELIM_DOUBLE = 1 << 0, /* '"' rather than '\'' */
  DELIM_TRIPLE = 1 << 1,
  DELIM_RAW = 1 << 2,
  DELIM_FORMAT = 1 << 3,
  DELIM_BYTES = 1 << 4,
};

#define MAX_DEPTH 255 /* deeper nesting than this is not tracked (and not realistic) */

typedef struct {
  uint16_t indents[MAX_DEPTH]; /* indents[0] is always 0: the module level */
  uint8_t indent_count;
  uint8_t delimiters[MAX_DEPTH];
  uint8_t delimiter_count;
} Scanner;

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }
static inline void skip(TSLexer *lexer) { lexer->advance(lexer, true); }

static inline uint16_t current_indent(const Scanner *scanner) {
  return scanner->indents[scanner->indent_count - 1];
}

static inline int32_t quote_char(uint8_t delimiter) {
  return (delimiter & DELIM_DOUBLE) ? '"' : '\'';
}

/* ---------------------------------------------------------------- strings ---------- */

/* Scans string contents up to (not including) the next quote, brace, or escape. */
static bool scan_string_content(Scanner *scanner, TSLexer *lexer, const bool *valid) {
  uint8_t delimiter = scanner->delimiters[scanner->delimiter_count - 1];
  int32_t quote = quote_char(delimiter);
  bool is_triple = delimiter & DELIM_TRIPLE;
  bool is_raw = delimiter & DELIM_RAW;
  bool is_format = delimiter & DELIM_FORMAT;
  bool has_content = false;

  for (;;) {
    int32_t c = lexer->lookahead;
    if (lexer->eof(lexer)) {
      /* An unterminated string: hand back what was read; the parser reports the rest. */
      lexer->mark_end(lexer);
      lexer->result_symbol = STRING_CONTENT;
      return has_content;
    }
    if (is_format && (c == '{' || c == '}')) {
      if (has_content) {
        lexer->mark_end(lexer);
        lexer->result_symbol = STRING_CONTENT;
        return true;
      }
      advance(lexer);
      if (lexer->lookahead == c && valid[ESCAPE_INTERPOLATION]) {
        advance(lexer);
        lexer->mark_end(lexer);
        lexer->result_symbol = ESCAPE_INTERPOLATION;
        return true;
      }
      return false; /* an interpolation: the grammar takes the brace */
    }
    if (c == '\\') {
      if (is_raw) {
        /* In a raw string a backslash keeps the next character from closing it. */
        advance(lexer);
        if (lexer->lookahead == quote || lexer->lookahead == '\\') advance(lexer);
        has_content = true;
        continue;
      }
      /* Escapes are tokens of the grammar; stop before them. */
      lexer->mark_end(lexer);
      lexer->result_symbol = STRING_CONTENT;
      return has_content;
    }
    if (c == quote) {
      if (!is_triple) {
        if (has_content) {
          lexer->mark_end(lexer);
          lexer->result_symbol = STRING_CONTENT;
          return true;
        }
        advance(lexer);
        lexer->mark_end(lexer);
        scanner->delimiter_count--;
        lexer->result_symbol = STRING_END;
        return true;
      }
      /* Triple-quoted: one or two quotes are content; three close the string. */
      lexer->mark_end(lexer);
      advance(lexer);
      if (lexer->lookahead == quote) {
        advance(lexer);
        if (lexer->lookahead == quote) {
          if (has_content) {
            lexer->result_symbol = STRING_CONTENT;
            return true; /* the end mark sits before the closing quotes */
          }
          advance(lexer);
          lexer->mark_end(lexer);
          scanner->delimiter_count--;
          lexer->result_symbol = STRING_END;
          return true;
        }
      }
      has_content = true;
      continue;
    }
    if (c == '\n' && !is_triple) {
      /* A newline ends a single-quoted string that was never closed. */
      lexer->mark_end(lexer);
      lexer->result_symbol = STRING_CONTENT;
      return has_content;
    }
    advance(lexer);
    has_content = true;
  }
}

/* Scans a string prefix and opening quote(s), pushing the delimiter. */
static bool scan_string_start(Scanner *scanner, TSLexer *lexer) {
  uint8_t delimiter = 0;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (c == 'r' || c == 'R') {
      delimiter |= DELIM_RAW;
    } else if (c == 'f' || c == 'F' || c == 't' || c == 'T') {
      delimiter |= DELIM_FORMAT;
    } else if (c == 'b' || c == 'B') {
      delimiter |= DELIM_BYTES;
    } else if (c == 'u' || c == 'U') {
      /* a Python-2 style no-op prefix */
    } else {
      break;
    }
    advance(lexer);
  }
  int32_t quote = lexer->lookahead;
  if (quote != '"' && quote != '\'') return false;
  if (quote == '"') delimiter |= DELIM_DOUBLE;
  advance(lexer);
  lexer->mark_end(lexer);
  if (lexer->lookahead == quote) {
    advance(lexer);
    if (lexer->lookahead == quote) {
      advance(lexer);
      lexer->mark_end(lexer);
      delimiter |= DELIM_TRIPLE;
    }
    /* else: an empty string; the end mark stays after the first quote */
  }
  if (scanner->delimiter_count >= MAX_DEPTH) return false;
  scanner->delimiters[scanner->delimiter_count++] = delimiter;
  lexer->result_symbol = STRING_START;
  return true;
}

/* ---------------------------------------------------------------- layout ----------- */

/* Consumes a comment up to the end of its line. */
static bool scan_comment(TSLexer *lexer) {
  while (!lexer->eof(lexer) && lexer->lookahead != '\n' && lexer->lookahead != '\r') {
    advance(lexer);
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = COMMENT;
  return true;
}

/*
 * Measures the indentation of the next line of code, skipping the comment we stand on
 * and any blank or comment lines after it. Used only to decide a DEDENT before a comment
 * that is indented less than the block it follows.
 */
static uint32_t peek_next_code_indent(TSLexer *lexer) {
  uint32_t indent = 0;
  bool in_comment = true;
  while (!lexer->eof(lexer)) {
    int32_t c = lexer->lookahead;
    if (c == '\n') {
      in_comment = false;
      indent = 0;
    } else if (in_comment || c == '\r') {
      /* inside a comment, or a carriage return: no width */
    } else if (c == ' ') {
      indent++;
    } else if (c == '\t') {
      indent += 8 - (indent % 8);
    } else if (c == '\f') {
      indent = 0;
    } else if (c == '#') {
      in_comment = true;
    } else {
      return indent;
    }
    skip(lexer);
  }
  return 0;
}

/*
 * Decides NEWLINE, INDENT and DEDENT. Comments are returned as tokens of their own as
 * soon as they are reached, so layout is decided at the start of a line of code, with one
 * exception: a comment indented less than the current block, followed by code that also
 * leaves the block, closes the block first (so it lands where its indentation says).
 */
static bool scan_layout(Scanner *scanner, TSLexer *lexer, const bool *valid,
                        bool error_recovery) {
  bool within_brackets = valid[CLOSE_BRACE] || valid[CLOSE_PAREN] || valid[CLOSE_BRACKET];
  bool found_end_of_line = false;
  uint32_t indent = 0;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (c == '\n' || lexer->eof(lexer)) {
      if (!found_end_of_line) {
        /* NEWLINE and DEDENT sit at the end of the line that closes a statement. */
        lexer->mark_end(lexer);
        found_end_of_line = true;
        if (valid[NEWLINE] && !valid[INDENT] && !within_brackets && !error_recovery) {
          lexer->result_symbol = NEWLINE;
          return true;
        }
      }
      if (lexer->eof(lexer)) {
        indent = 0;
        break;
      }
      indent = 0;
      skip(lexer);
    } else if (c == ' ') {
      indent++;
      skip(lexer);
    } else if (c == '\t') {
      indent += 8 - (indent % 8);
      skip(lexer);
    } else if (c == '\r' || c == 0xFEFF) {
      skip(lexer);
    } else if (c == '\f') {
      indent = 0;
      skip(lexer);
    } else if (c == '\\') {
      /* A line continuation joins lines: white space, not an end of line. */
      skip(lexer);
      if (lexer->lookahead == '\r') skip(lexer);
      if (lexer->lookahead != '\n') return false;
      skip(lexer);
    } else if (c == '#' && valid[COMMENT]) {
      uint16_t current = current_indent(scanner);
      if (found_end_of_line && indent < current && valid[DEDENT] && scanner->indent_count > 1 &&
          !within_brackets) {
        /* The end is already marked at the newline: looking further costs nothing. */
        if (peek_next_code_indent(lexer) < current) {
          scanner->indent_count--;
          lexer->result_symbol = DEDENT;
          return true;
        }
        /* Code goes on inside the block: the grammar lexes this comment itself. */
        return false;
      }
      return scan_comment(lexer);
    } else {
      break;
    }
  }
  if (!found_end_of_line) return false;

  uint16_t width = indent > UINT16_MAX ? UINT16_MAX : (uint16_t)indent;
  if (valid[INDENT] && !error_recovery && width > current_indent(scanner) &&
      scanner->indent_count < MAX_DEPTH) {
    scanner->indents[scanner->indent_count++] = width;
    lexer->mark_end(lexer); /* at the block's first token */
    lexer->result_symbol = INDENT;
    return true;
  }
  if (valid[NEWLINE] && !error_recovery && !within_brackets) {
    lexer->result_symbol = NEWLINE;
    return true;
  }
  if (valid[DEDENT] && width < current_indent(scanner) && scanner->indent_count > 1 &&
      (!within_brackets || error_recovery)) {
    scanner->indent_count--;
    lexer->result_symbol = DEDENT;
    return true;
  }
  return false;
}

/* ------------------------------------------------------------- transfer ----------- */

/* Characters that can start an operand, so a caret before them is xor, not a transfer. */
static bool starts_operand(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' ||
         c == '`' || c == '-' || c == '+' || c == '~' || c > 0x7F;
}

/*
 * `x^` moves x, `a ^ b` is xor. The caret is a transfer when what follows it (after
 * spaces on the same line) cannot start an operand: `return x^`, `f(a^, b)`, `x ^)`.
 */
typedef enum { NO_CARET, XOR_CARET, TRANSFER } CaretKind;

static CaretKind scan_transfer_caret(TSLexer *lexer) {
  /* Only spaces are skipped before deciding, so the other scans can go on from here. */
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') skip(lexer);
  if (lexer->lookahead != '^') return NO_CARET;
  advance(lexer);
  lexer->mark_end(lexer);
  if (lexer->lookahead == '=') return XOR_CARET; /* `x ^= y` */
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') advance(lexer);
  if (!lexer->eof(lexer) && starts_operand(lexer->lookahead)) return XOR_CARET;
  lexer->result_symbol = TRANSFER_CARET;
  return TRANSFER;
}

bool tree_sitter_mojo_external_scanner_scan(void *payload, TSLexer *lexer,
                                            const bool *valid_symbols) {
  Scanner *scanner = (Scanner *)payload;
  /* During error recovery every symbol is valid; these two never are together. */
  bool error_recovery = valid_symbols[STRING_CONTENT] && valid_symbols[INDENT];

  if (valid_symbols[STRING_CONTENT] && scanner->delimiter_count > 0 && !error_recovery) {
    return scan_string_content(scanner, lexer, valid_symbols);
  }

  if (valid_symbols[TRANSFER_CARET] && !error_recovery) {
    switch (scan_transfer_caret(lexer)) {
      case TRANSFER: return true;
      case XOR_CARET: return false; /* the grammar lexes the operator */
      case NO_CARET: break;
    }
  }

  lexer->mark_end(lexer);
  if (valid_symbols[NEWLINE] || valid_symbols[INDENT] || valid_symbols[DEDENT]) {
    if (scan_layout(scanner, lexer, valid_symbols, error_recovery)) return true;
    /* Nothing to say about layout: white space was skipped, a string may follow. */
  } else {
    for (;;) {
      int32_t c = lexer->lookahead;
      if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == 0xFEFF) {
        skip(lexer);
      } else if (c == '#' && valid_symbols[COMMENT]) {
        return scan_comment(lexer);
      } else {
        break;
      }
    }
  }
  if (valid_symbols[STRING_START]) {
    return scan_string_start(scanner, lexer);
  }
  return false;
}

/* --------------------------------------------------------------- state ------------- */

unsigned tree_sitter_mojo_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *scanner = (Scanner *)payload;
  unsigned size = 0;
  uint8_t delimiter_count = scanner->delimiter_count;
  if (delimiter_count > 64) delimiter_count = 64;
  buffer[size++] = (char)delimiter_count;
  memcpy(buffer + size, scanner->delimiters, delimiter_count);
  size += delimiter_count;
  /* Indents after the implicit module level, two bytes each, as many as fit. */
  for (uint8_t i = 1; i < scanner->indent_count; i++) {
    if (size + 2 > TREE_SITTER_SERIALIZATION_BUFFER_SIZE) break;
    buffer[size++] = (char)(scanner->indents[i] & 0xFF);
    buffer[size++] = (char)(scanner->indents[i] >> 8);
  }
  return size;
}

void tree_sitter_mojo_external_scanner_deserialize(void *payload, const char *buffer,
                                                   unsigned length) {
  Scanner *scanner = (Scanner *)payload;
  scanner->delimiter_count = 0;
  scanner->indent_count = 1;
  scanner->indents[0] = 0;
  if (length == 0) return;
  unsigned pos = 0;
  uint8_t delimiter_count = (uint8_t)buffer[pos++];
  if (delimiter_count > length - pos) delimiter_count = (uint8_t)(length - pos);
  memcpy(scanner->delimiters, buffer + pos, delimiter_count);
  scanner->delimiter_count = delimiter_count;
  pos += delimiter_count;
  while (pos + 1 < length && scanner->indent_count < MAX_DEPTH) {
    uint16_t low = (uint8_t)buffer[pos];
    uint16_t high = (uint8_t)buffer[pos + 1];
    scanner->indents[scanner->indent_count++] = (uint16_t)(low | (high << 8));
    pos += 2;
  }
}

void *tree_sitter_mojo_external_scanner_create(void) {
  Scanner *scanner = calloc(1, sizeof(Scanner));
  if (scanner) tree_sitter_mojo_external_scanner_deserialize(scanner, NULL, 0);
  return scanner;
}

void tree_sitter_mojo_external_scanner_destroy(void *payload) { free(payload); }
