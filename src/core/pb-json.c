/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-json-private.h"

/*
 * The one check of JSON text.
 *
 * One pass over the bytes, without recursion (a state machine with a bit per level), checks the
 * RFC 8259 grammar, UTF-8, NUL bytes, \u escapes and the nesting depth. Strings, most of
 * a document, are crossed eight bytes at a time. On request it notes where each object and
 * array ends (PbJsonIndex), which makes skipping a value in PbJsonReader a look-up.
 */

G_DEFINE_QUARK (pb-parse-error-quark, pb_parse_error)

/* {{{ Tokens */

/* The length of the UTF-8 sequence at p (whose first byte is >= 0x80) if it is valid, else 0.
 * Valid as g_utf8_get_char_validated() has it (RFC 3629): no overlong forms, no surrogates,
 * nothing past U+10FFFF, and complete before `end`. */
static inline guint
utf8_sequence_length (const char *p,
                      const char *end)
{
  const guchar *u = (const guchar *)p;
  gsize left = end - p;
  guchar lo = 0x80;
  guchar hi = 0xBF;

  if (u[0] < 0xC2)
    return 0;
  if (u[0] < 0xE0)
    return left >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
  if (u[0] < 0xF0)
    {
      if (u[0] == 0xE0)
        lo = 0xA0;
      else if (u[0] == 0xED)
        hi = 0x9F;
      return left >= 3 && u[1] >= lo && u[1] <= hi && (u[2] & 0xC0) == 0x80 ? 3 : 0;
    }
  if (u[0] < 0xF5)
    {
      if (u[0] == 0xF0)
        lo = 0x90;
      else if (u[0] == 0xF4)
        hi = 0x8F;
      return left >= 4 && u[1] >= lo && u[1] <= hi && (u[2] & 0xC0) == 0x80
             && (u[3] & 0xC0) == 0x80 ? 4 : 0;
    }
  return 0;
}

static gboolean
syntax_error (const char  *start,
              const char  *end,
              const char  *at,
              const char  *reason,
              GError     **error)
{
  const char *line_start = start;
  guint line = 1;
  glong column;

  /* UTF-8 is checked as the text is read: what was before `at` is valid. */
  if (at < end && *at == '\0')
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is not valid JSON: it contains a zero byte."));
      return FALSE;
    }
  if (at < end && (guchar)*at >= 0x80 && (gint32)g_utf8_get_char_validated (at, end - at) < 0)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is not valid UTF-8 text."));
      return FALSE;
    }

  for (const char *q = start; q < at; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }
  column = g_utf8_strlen (line_start, at - line_start) + 1;

  g_debug ("JSON syntax error at byte %" G_GSIZE_FORMAT ": %s", (gsize)(at - start), reason);
  g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
               _("The data is not valid JSON: %s (line %u, column %ld)."),
               reason, line, column);
  return FALSE;
}

/* At "\u": the length of the escape, 6, or 12 for a surrogate pair; 0 when its digits are not
 * valid. A lone surrogate (a high one not followed by the escape of a low one, or a low one
 * alone) is valid JSON, as the grammar has it: it sets *lone, and decodes to U+FFFD. */
static inline guint
unicode_escape_length (const char *q,
                       const char *end,
                       gboolean   *lone)
{
  gint32 unit = _pb_json_hex4 (q + 2, end);

  if (unit < 0)
    return 0;
  if (!_pb_json_is_surrogate (unit))
    return 6;
  if (_pb_json_is_high_surrogate (unit) && end - q >= 12 && q[6] == '\\' && q[7] == 'u'
      && _pb_json_is_low_surrogate (_pb_json_hex4 (q + 8, end)))
    return 12;
  *lone = TRUE;
  return 6;
}

static gboolean
check_string (const char  *start,
              const char **pp,
              const char  *end,
              gboolean    *lone,
              GError     **error)
{
  const char *q = *pp + 1;

  while (q < end)
    {
      guchar c;

      /* Straight to the first byte that is not plain text. */
      while (end - q >= 8)
        {
          guint64 mask = _pb_json_not_plain_text_mask (_pb_json_load_word (q));

          if (mask != 0)
            {
              q += _pb_json_first_flagged (mask);
              break;
            }
          q += 8;
        }
      if (q >= end)
        break;

      c = (guchar)*q;
      if (G_LIKELY (c >= 0x20 && c < 0x80 && c != '"' && c != '\\'))
        {
          q++;
          continue;
        }

      if (c >= 0x80)
        {
          guint len = utf8_sequence_length (q, end);

          if (len == 0)
            return syntax_error (start, end, q, "invalid UTF-8", error);
          q += len;
          continue;
        }

      if (c == '"')
        {
          *pp = q + 1;
          return TRUE;
        }
      else if (c == '\\')
        {
          guint len;

          if (q + 1 >= end)
            break;
          switch (q[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              q += 2;
              break;

            case 'u':
              len = unicode_escape_length (q, end, lone);
              if (len == 0)
                return syntax_error (start, end, q,
                                     _("a text in quotes has a bad escape sequence"), error);
              q += len;
              break;

            default:
              return syntax_error (start, end, q, _("a text in quotes has a bad escape sequence"),
                                   error);
            }
        }
      else
        return syntax_error (start, end, q,
                             _("a text in quotes contains a control character"), error);
    }

  return syntax_error (start, end, end, _("a text in quotes is not closed"), error);
}

static gboolean
check_number (const char  *start,
              const char **pp,
              const char  *end,
              GError     **error)
{
  const char *q = *pp;

  if (*q == '-')
    q++;
  if (q >= end || !g_ascii_isdigit (*q))
    return syntax_error (start, end, *pp, _("a number is not valid"), error);
  if (*q == '0')
    q++;
  else
    while (q < end && g_ascii_isdigit (*q))
      q++;

  if (q < end && *q == '.')
    {
      q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return syntax_error (start, end, *pp, _("a number is not valid"), error);
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }

  if (q < end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return syntax_error (start, end, *pp, _("a number is not valid"), error);
      while (q < end && g_ascii_isdigit (*q))
        q++;
    }

  *pp = q;
  return TRUE;
}

gsize
_pb_json_placeholder_length (const char *p,
                             const char *end)
{
  const char *q;

  if (end - p < 2 || p[0] != '$' || p[1] != '{')
    return 0;

  for (q = p + 2; q < end && (guchar)*q > 0x20 && *q != 0x7f && !strchr ("{}\"\\$", *q); q++)
    ;

  if (q == end || *q != '}' || q == p + 2)
    return 0;

  return q + 1 - p;
}

/* }}} */
/* {{{ The index of brackets */

void
_pb_json_index_clear (PbJsonIndex *index)
{
  g_clear_pointer (&index->items, g_free);
  index->n = 0;
}

const char *
_pb_json_index_skip (PbJsonIndex *index,
                     const char  *p)
{
  guint32 off;
  guint i;
  guint lo;
  guint hi;

  if (index == NULL || index->items == NULL)
    return NULL;

  off = p - index->start;
  i = index->next;
  if (G_LIKELY (i < index->n && index->items[i].open == off))
    {
      index->next = i + 1;
      return index->start + index->items[i].close + 1;
    }

  if (i < index->n && index->items[i].open < off)
    {
      lo = i + 1;
      hi = index->n;
    }
  else
    {
      lo = 0;
      hi = MIN (i, index->n);
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (index->items[mid].open < off)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo >= index->n || index->items[lo].open != off)
    return NULL;

  index->next = lo + 1;
  return index->start + index->items[lo].close + 1;
}

/* }}} */
/* {{{ The check */

typedef enum
{
  EXPECT_VALUE,
  EXPECT_FIRST_MEMBER,
  EXPECT_MEMBER,
  EXPECT_FIRST_ELEMENT,
  AFTER_VALUE,
} ScanState;

/* Checks that [start, end) is one JSON value. Fills `index` when not NULL (cleared on
 * failure), and tells in *lone_surrogates (when not NULL) whether a string has a lone
 * surrogate escape. */
static gboolean
check_document (const char        *start,
                const char        *end,
                PbJsonCheckFlags   flags,
                PbJsonIndex       *index,
                gboolean          *lone_surrogates,
                GError           **error)
{
  guint8 is_object[PB_JSON_MAX_DEPTH / 8 + 1] = { 0 };
  guint32 open_index[PB_JSON_MAX_DEPTH];
  /* At most the size of the text: past that (a text of little else than brackets) skipping
   * scans instead. */
  gsize max_brackets = (end - start) / sizeof (PbJsonBracket) + 64;
  gsize capacity = MIN (max_brackets, (gsize)(end - start) / 64 + 16);
  PbJsonBracket *items = index != NULL ? g_new (PbJsonBracket, capacity) : NULL;
  gboolean spaced = FALSE;
  gboolean lone = FALSE;
  guint n = 0;
  guint depth = 0;
  const char *p = start;
  ScanState state = EXPECT_VALUE;

#define FAIL(expr) G_STMT_START { g_free (items); return (expr); } G_STMT_END

/* Records the end of the innermost open bracket at p, before depth goes down. */
#define CLOSE_BRACKET()                                                  \
  G_STMT_START {                                                         \
    if (items != NULL)                                                   \
      items[open_index[depth - 1]].close = p - start;                    \
  } G_STMT_END

  for (;;)
    {
      {
        const char *q = _pb_json_skip_ws (p, end);

        if (q != p && depth > 0)
          spaced = TRUE;
        p = q;
      }

      switch (state)
        {
        case EXPECT_VALUE:
          if (p >= end)
            FAIL (syntax_error (start, end, p, _("the text ends too early"), error));
          switch (*p)
            {
            case '{':
            case '[':
              if (depth >= PB_JSON_MAX_DEPTH)
                {
                  g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                               _("The data is nested too deeply (more than %d levels)."),
                               PB_JSON_MAX_DEPTH);
                  FAIL (FALSE);
                }
              if (*p == '{')
                is_object[depth / 8] |= (1 << (depth % 8));
              else
                is_object[depth / 8] &= ~(1 << (depth % 8));
              if (items != NULL && n == capacity)
                {
                  if (capacity >= max_brackets)
                    g_clear_pointer (&items, g_free);
                  else
                    {
                      capacity = MIN (capacity * 2, max_brackets);
                      items = g_renew (PbJsonBracket, items, capacity);
                    }
                }
              if (items != NULL)
                {
                  items[n].open = p - start;
                  open_index[depth] = n++;
                }
              depth++;
              state = *p == '{' ? EXPECT_FIRST_MEMBER : EXPECT_FIRST_ELEMENT;
              p++;
              break;

            case '"':
              if (!check_string (start, &p, end, &lone, error))
                FAIL (FALSE);
              state = AFTER_VALUE;
              break;

            case 't':
            case 'f':
            case 'n':
              {
                const char *word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
                gsize len = strlen (word);

                if ((gsize)(end - p) < len || memcmp (p, word, len) != 0)
                  FAIL (syntax_error (start, end, p, _("a value was expected"), error));
                p += len;
                state = AFTER_VALUE;
              }
              break;

            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!check_number (start, &p, end, error))
                FAIL (FALSE);
              state = AFTER_VALUE;
              break;

            case '$':
              /* A lone placeholder is a template, not JSON. */
              if ((flags & PB_JSON_CHECK_ALLOW_PLACEHOLDERS) && depth > 0)
                {
                  gsize len = _pb_json_placeholder_length (p, end);

                  if (len > 0)
                    {
                      p += len;
                      state = AFTER_VALUE;
                      break;
                    }
                }
              FAIL (syntax_error (start, end, p, _("a value was expected"), error));

            default:
              FAIL (syntax_error (start, end, p, _("a value was expected"), error));
            }
          break;

        case EXPECT_FIRST_MEMBER:
        case EXPECT_MEMBER:
          if (p >= end)
            FAIL (syntax_error (start, end, p, _("the text ends too early"), error));
          if (state == EXPECT_FIRST_MEMBER && *p == '}')
            {
              CLOSE_BRACKET ();
              depth--;
              p++;
              state = AFTER_VALUE;
              break;
            }
          if (*p != '"')
            FAIL (syntax_error (start, end, p, _("a name in quotes was expected"), error));
          if (!check_string (start, &p, end, &lone, error))
            FAIL (FALSE);
          if (p < end && _pb_json_is_ws (*p))
            {
              spaced = TRUE;
              p = _pb_json_skip_ws (p, end);
            }
          if (p >= end)
            FAIL (syntax_error (start, end, p, _("the text ends too early"), error));
          if (*p != ':')
            FAIL (syntax_error (start, end, p, _("a colon was expected"), error));
          p++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_FIRST_ELEMENT:
          if (p < end && *p == ']')
            {
              CLOSE_BRACKET ();
              depth--;
              p++;
              state = AFTER_VALUE;
            }
          else
            state = EXPECT_VALUE;
          break;

        case AFTER_VALUE:
        default:
          if (depth == 0)
            {
              if (p < end)
                FAIL (syntax_error (start, end, p, _("there is more after the end of the data"),
                                    error));
              if (index != NULL)
                {
                  index->start = start;
                  index->items = items;
                  index->n = n;
                  index->next = 0;
                  index->spaced = spaced;
                  index->lone_surrogates = lone;
                }
              if (lone_surrogates != NULL)
                *lone_surrogates = lone;
              return TRUE;
            }
          if (p >= end)
            FAIL (syntax_error (start, end, p, _("the text ends too early"), error));
          {
            gboolean in_object = (is_object[(depth - 1) / 8] & (1 << ((depth - 1) % 8))) != 0;

            if (*p == ',')
              {
                p++;
                state = in_object ? EXPECT_MEMBER : EXPECT_VALUE;
              }
            else if (*p == (in_object ? '}' : ']'))
              {
                CLOSE_BRACKET ();
                p++;
                depth--;
              }
            else if (in_object)
              FAIL (syntax_error (start, end, p, _("a comma or “}” was expected"), error));
            else
              FAIL (syntax_error (start, end, p, _("a comma or “]” was expected"), error));
          }
          break;
        }
    }

#undef CLOSE_BRACKET
#undef FAIL
}

gboolean
_pb_json_check_indexed (const char        *data,
                        gsize              length,
                        PbJsonCheckFlags   flags,
                        PbJsonIndex       *index,
                        gboolean          *lone_surrogates,
                        const char       **start,
                        const char       **end,
                        GError           **error)
{
  const char *p = data != NULL ? data : "";

  if (index != NULL)
    *index = (PbJsonIndex) { 0 };

  if (data == NULL)
    length = 0;
  if ((flags & PB_JSON_CHECK_ALLOW_BOM) && length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    {
      p += 3;
      length -= 3;
    }

  if (length > G_MAXINT32)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is too large."));
      return FALSE;
    }

  if (_pb_json_skip_ws (p, p + length) == p + length)
    {
      g_set_error_literal (error, PB_PARSE_ERROR, PB_PARSE_ERROR_SYNTAX,
                           _("The data is empty."));
      return FALSE;
    }

  if (!check_document (p, p + length, flags, index, lone_surrogates, error))
    return FALSE;

  if (start != NULL)
    *start = p;
  if (end != NULL)
    *end = p + length;
  return TRUE;
}

gboolean
pb_json_text_check (const char        *data,
                    gsize              length,
                    PbJsonCheckFlags   flags,
                    GError           **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _pb_json_check_indexed (data, length, flags, NULL, NULL, NULL, NULL, error);
}

/* }}} */
