/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "pb-json.h"

G_BEGIN_DECLS

/* What the check of a text learns for a reader: where each object or array ends (in the order
 * they open), so that skipping one is a look-up instead of a scan, and whether there is white
 * space between the tokens inside the value (if not, every part of it is already compact). */
typedef struct
{
  guint32 open;  /* offsets from the start of the text */
  guint32 close;
} PbJsonBracket;

typedef struct
{
  const char    *start;
  PbJsonBracket *items;  /* NULL: not recorded (too many, or not asked for): skipping scans */
  guint          n;
  guint          next;   /* where the next look-up most likely is: reading goes forward */
  gboolean       spaced;
  gboolean       lone_surrogates; /* a string has a \u escape of a lone surrogate */
} PbJsonIndex;

/* pb_json_text_check() that also fills `index` (when not NULL; cleared on failure), tells
 * whether a string has a lone surrogate escape (when `lone_surrogates` is not NULL) and gives
 * the text without its byte order mark in *start, *end. */
gboolean    _pb_json_check_indexed (const char        *data,
                                    gsize              length,
                                    PbJsonCheckFlags   flags,
                                    PbJsonIndex       *index,
                                    gboolean          *lone_surrogates,
                                    const char       **start,
                                    const char       **end,
                                    GError           **error);
void        _pb_json_index_clear   (PbJsonIndex       *index);
/* The end of the object or array at p (checked text), or NULL when it was not recorded. */
const char *_pb_json_index_skip    (PbJsonIndex       *index,
                                    const char        *p);

/* The length of the ${placeholder} at p, or 0 when there is none before `end`. */
gsize       _pb_json_placeholder_length (const char   *p,
                                         const char   *end);

/* The end of the string token at p (checked text); *escaped tells whether it has a
 * backslash. */
const char *_pb_json_scan_string   (const char        *p,
                                    const char        *end,
                                    gboolean          *escaped);
/* The end of the value at p (checked text), by scanning. */
const char *_pb_json_skip_value    (const char        *p,
                                    const char        *end);
/* Appends the decoded text of the string token [p, close) (checked text); a lone surrogate
 * escape decodes to U+FFFD. */
void        _pb_json_decode_string (const char        *p,
                                    const char        *close,
                                    GString           *out);
/* Rewrites each \u escape of a lone surrogate in [text, text + length) (checked text, or a
 * part of it that holds whole strings) as \ufffd, in place: the one repair of such escapes,
 * so that what Plugboard keeps and writes is JSON that every parser reads the same. */
void        _pb_json_repair_escapes (char             *text,
                                     gsize             length);

static inline gboolean
_pb_json_is_ws (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline const char *
_pb_json_skip_ws (const char *p,
                  const char *end)
{
  while (p < end && _pb_json_is_ws (*p))
    p++;
  return p;
}

/* Eight bytes at a time: the masks below flag the bytes looked for in the high bit of each
 * byte; bytes after the first one flagged may be flagged wrongly (a borrow), the first one
 * never is. Words are read in little-endian order, so that the first byte is the lowest. */
#define PB_JSON_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define PB_JSON_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
_pb_json_load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return GUINT64_FROM_LE (word);
}

/* The index of the first byte flagged in a mask that is not 0. */
static inline guint
_pb_json_first_flagged (guint64 mask)
{
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_ctzll (mask) / 8;
#else
  guint i = 0;

  while ((mask & 0x80) == 0)
    {
      mask >>= 8;
      i++;
    }
  return i;
#endif
}

static inline guint64
_pb_json_bytes_equal_to (guint64 word,
                         guchar  c)
{
  guint64 x = word ^ (PB_JSON_ONES * c);

  return (x - PB_JSON_ONES) & ~x;
}

/* Quotes and backslashes. */
static inline guint64
_pb_json_quote_or_escape_mask (guint64 word)
{
  return (_pb_json_bytes_equal_to (word, '"') | _pb_json_bytes_equal_to (word, '\\'))
         & PB_JSON_HIGHS;
}

/* What is not plain text: quotes, backslashes, control characters, and bytes of UTF-8
 * sequences. */
static inline guint64
_pb_json_not_plain_text_mask (guint64 word)
{
  return (_pb_json_bytes_equal_to (word, '"') | _pb_json_bytes_equal_to (word, '\\')
          | (word - PB_JSON_ONES * 0x20) | word)
         & PB_JSON_HIGHS;
}

static inline gboolean
_pb_json_is_surrogate (gint32 unit)
{
  return unit >= 0xD800 && unit <= 0xDFFF;
}

static inline gboolean
_pb_json_is_high_surrogate (gint32 unit)
{
  return unit >= 0xD800 && unit <= 0xDBFF;
}

static inline gboolean
_pb_json_is_low_surrogate (gint32 unit)
{
  return unit >= 0xDC00 && unit <= 0xDFFF;
}

/* The value of the four hex digits at p, or -1. */
static inline gint32
_pb_json_hex4 (const char *p,
               const char *end)
{
  gint32 v = 0;

  if (end - p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      v = (v << 4) | digit;
    }
  return v;
}

G_END_DECLS
