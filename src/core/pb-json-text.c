/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-json-text"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pb-json-text.h"

/* Deeper documents are shown as they are: neither the parser nor a person gains anything. */
#define MAX_DEPTH 256

typedef enum
{
  TOKEN_PUNCT,       /* one of { } [ ] , : */
  TOKEN_STRING,      /* "…" with its quotes and escapes, as written */
  TOKEN_PLACEHOLDER, /* ${name} where a value belongs */
  TOKEN_LITERAL,     /* numbers, true, false, null (or garbage the parser will reject) */
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *start;
  gsize       len;
} Token;

static gboolean
is_name_char (char c)
{
  return (guchar) c > 0x20 && c != 0x7f && !strchr ("{}\"\\$", c);
}

/* Length of the placeholder at `p` ("${name}"), or 0 when there is none before `end`. */
static gsize
placeholder_length (const char *p,
                    const char *end)
{
  const char *q;

  if (end - p < 2 || p[0] != '$' || p[1] != '{')
    return 0;

  for (q = p + 2; q < end && is_name_char (*q); q++)
    ;

  if (q == end || *q != '}' || q == p + 2)
    return 0;

  return q + 1 - p;
}

GArray *
pb_json_text_find_placeholders (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (PbTextSpan));
  const char *p, *end;

  if (text == NULL)
    return spans;

  end = text + strlen (text);
  for (p = text; p < end;)
    {
      gsize len = placeholder_length (p, end);

      if (len > 0)
        {
          PbTextSpan span = { p - text, p - text + len };

          g_array_append_val (spans, span);
          p += len;
        }
      else
        p++;
    }

  return spans;
}

/* {{{ The strict scanner
 *
 * One recursive descent over the bytes: it checks RFC 8259 syntax and UTF-8, refuses lone
 * surrogates (json-glib 1.6 leaks on them), limits nesting (json-glib recurses once per level
 * and has no limit), and reports each token to whoever wants them (the pretty printer, the
 * compact copy) and the top-level string member asked for. */

typedef struct
{
  const char       *p;
  const char       *end;
  PbJsonCheckFlags  flags;
  guint             depth;
  guint             max_depth;
  gboolean          too_deep;
  GArray           *tokens;      /* of Token; NULL: not wanted */
  GString          *compact;     /* the tokens without white space; NULL: not wanted */
  const char       *member;      /* the top-level member to pick; NULL: none */
  char             *found;       /* its last value, decoded, when a string */
} Scan;

static gboolean scan_value (Scan *scan);

static void
scan_emit (Scan       *scan,
           TokenKind   kind,
           const char *start)
{
  Token token = { kind, start, scan->p - start };

  if (scan->tokens != NULL)
    g_array_append_val (scan->tokens, token);
  if (scan->compact != NULL)
    g_string_append_len (scan->compact, start, token.len);
}

/* Skips white space; FALSE at the end of the text. */
static gboolean
scan_ws (Scan *scan)
{
  while (scan->p < scan->end
         && (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;

  return scan->p < scan->end;
}

static gboolean
scan_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }

  *out = value;
  return TRUE;
}

/* At the opening quote; leaves p after the closing one. [*start, *stop) is the raw content. */
static gboolean
scan_string (Scan        *scan,
             const char **start,
             const char **stop)
{
  const char *begin = scan->p;

  scan->p++;
  *start = scan->p;

  while (scan->p < scan->end)
    {
      guchar c = (guchar) *scan->p;
      gunichar unit, low;

      if (c == '"')
        {
          *stop = scan->p;
          scan->p++;
          scan_emit (scan, TOKEN_STRING, begin);
          return TRUE;
        }

      if (c < 0x20)
        return FALSE;

      scan->p++;
      if (c != '\\')
        continue;

      if (scan->p >= scan->end)
        return FALSE;

      if (*scan->p != '\0' && strchr ("\"\\/bfnrt", *scan->p) != NULL)
        {
          scan->p++;
          continue;
        }

      if (*scan->p != 'u' || !scan_hex4 (scan->p + 1, scan->end, &unit))
        return FALSE;
      scan->p += 5;

      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return FALSE;
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          if (scan->end - scan->p < 6 || scan->p[0] != '\\' || scan->p[1] != 'u'
              || !scan_hex4 (scan->p + 2, scan->end, &low) || low < 0xDC00 || low > 0xDFFF)
            return FALSE;
          scan->p += 6;
        }
    }

  return FALSE;
}

/* Decodes the raw content of a string the scanner accepted. U+0000 becomes a space. */
static char *
decode_string (const char *p,
               const char *end)
{
  GString *out = g_string_sized_new (end - p);

  while (p < end)
    {
      gunichar unit;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      p++;
      switch (*p++)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          scan_hex4 (p, end, &unit);
          p += 4;
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              gunichar low = 0xDC00;

              scan_hex4 (p + 2, end, &low);
              p += 6;
              unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
          g_string_append_unichar (out, unit != 0 ? unit : ' ');
          break;
        default: /* '"', '\\', '/' */
          g_string_append_c (out, p[-1]);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
scan_digits (Scan *scan)
{
  const char *begin = scan->p;

  while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
    scan->p++;

  return scan->p > begin;
}

static gboolean
scan_number (Scan *scan)
{
  const char *begin = scan->p;

  if (*scan->p == '-')
    scan->p++;
  if (scan->p < scan->end && *scan->p == '0')
    scan->p++;
  else if (!scan_digits (scan))
    return FALSE;

  if (scan->p < scan->end && *scan->p == '.')
    {
      scan->p++;
      if (!scan_digits (scan))
        return FALSE;
    }

  if (scan->p < scan->end && (*scan->p == 'e' || *scan->p == 'E'))
    {
      scan->p++;
      if (scan->p < scan->end && (*scan->p == '+' || *scan->p == '-'))
        scan->p++;
      if (!scan_digits (scan))
        return FALSE;
    }

  scan_emit (scan, TOKEN_LITERAL, begin);
  return TRUE;
}

static gboolean
scan_word (Scan       *scan,
           const char *word)
{
  const char *begin = scan->p;
  gsize length = strlen (word);

  if ((gsize) (scan->end - scan->p) < length || memcmp (scan->p, word, length) != 0)
    return FALSE;

  scan->p += length;
  scan_emit (scan, TOKEN_LITERAL, begin);
  return TRUE;
}

/* Emits the punctuation at p and steps over it. */
static void
scan_punct (Scan *scan)
{
  scan->p++;
  scan_emit (scan, TOKEN_PUNCT, scan->p - 1);
}

static gboolean
scan_container (Scan *scan,
                char  close)
{
  gboolean is_top_object = close == '}' && scan->depth == 0;

  if (++scan->depth > scan->max_depth)
    {
      scan->too_deep = TRUE;
      return FALSE;
    }

  scan_punct (scan);
  if (!scan_ws (scan))
    return FALSE;

  if (*scan->p != close)
    for (;;)
      {
        gboolean is_member = FALSE;
        const char *start, *stop;

        if (close == '}')
          {
            if (!scan_ws (scan) || *scan->p != '"' || !scan_string (scan, &start, &stop))
              return FALSE;

            is_member = is_top_object && scan->member != NULL
                        && (gsize) (stop - start) == strlen (scan->member)
                        && memcmp (start, scan->member, stop - start) == 0;

            if (!scan_ws (scan) || *scan->p != ':')
              return FALSE;
            scan_punct (scan);
          }

        if (is_member)
          {
            g_clear_pointer (&scan->found, g_free);
            if (!scan_ws (scan))
              return FALSE;
            if (*scan->p == '"')
              {
                if (!scan_string (scan, &start, &stop))
                  return FALSE;
                scan->found = decode_string (start, stop);
              }
            else if (!scan_value (scan))
              return FALSE;
          }
        else if (!scan_value (scan))
          return FALSE;

        if (!scan_ws (scan))
          return FALSE;
        if (*scan->p == close)
          break;
        if (*scan->p != ',')
          return FALSE;
        scan_punct (scan);
      }

  scan_punct (scan);
  scan->depth--;
  return TRUE;
}

static gboolean
scan_value (Scan *scan)
{
  const char *start, *stop;
  gsize length;

  if (!scan_ws (scan))
    return FALSE;

  switch (*scan->p)
    {
    case '{':
      return scan_container (scan, '}');
    case '[':
      return scan_container (scan, ']');
    case '"':
      return scan_string (scan, &start, &stop);
    case 't':
      return scan_word (scan, "true");
    case 'f':
      return scan_word (scan, "false");
    case 'n':
      return scan_word (scan, "null");
    case '$':
      /* A lone placeholder is a template, not JSON. */
      if (!(scan->flags & PB_JSON_CHECK_ALLOW_PLACEHOLDERS) || scan->depth == 0
          || (length = placeholder_length (scan->p, scan->end)) == 0)
        return FALSE;
      scan->p += length;
      scan_emit (scan, TOKEN_PLACEHOLDER, scan->p - length);
      return TRUE;
    default:
      if (*scan->p == '-' || g_ascii_isdigit (*scan->p))
        return scan_number (scan);
      return FALSE;
    }
}

/* Checks a whole text, filling what `scan` asks for. */
static gboolean
scan_text (Scan        *scan,
           const char  *data,
           gsize        length,
           GError     **error)
{
  const char *invalid = NULL;
  gboolean ok;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty text");
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &invalid))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "not UTF-8 text (at byte %" G_GSIZE_FORMAT ")", (gsize) (invalid - data));
      return FALSE;
    }

  scan->p = data;
  scan->end = data + length;
  scan->depth = 0;
  if ((scan->flags & PB_JSON_CHECK_ALLOW_BOM) && length >= 3
      && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    scan->p += 3;

  ok = scan_value (scan) && !scan_ws (scan);
  if (!ok && scan->too_deep)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "JSON nested more than %u levels deep", scan->max_depth);
  else if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "not JSON (at byte %" G_GSIZE_FORMAT ")", (gsize) (scan->p - data));

  return ok;
}

gboolean
pb_json_text_check (const char        *data,
                    gsize              length,
                    PbJsonCheckFlags   flags,
                    guint              max_depth,
                    GError           **error)
{
  Scan scan = { .flags = flags, .max_depth = max_depth };

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return scan_text (&scan, data, length, error);
}

char *
pb_json_text_compact (const char        *data,
                      gsize              length,
                      PbJsonCheckFlags   flags,
                      guint              max_depth,
                      GError           **error)
{
  g_autoptr(GString) compact = g_string_sized_new (length);
  Scan scan = { .flags = flags, .max_depth = max_depth, .compact = compact };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!scan_text (&scan, data, length, error))
    return NULL;

  return g_string_free (g_steal_pointer (&compact), FALSE);
}

char *
pb_json_text_get_top_level_string (const char        *data,
                                   gsize              length,
                                   PbJsonCheckFlags   flags,
                                   guint              max_depth,
                                   const char        *member)
{
  Scan scan = { .flags = flags, .max_depth = max_depth, .member = member };

  g_return_val_if_fail (member != NULL, NULL);

  if (!scan_text (&scan, data, length, NULL))
    g_clear_pointer (&scan.found, g_free);

  return scan.found;
}

/* }}} */

static void
newline (GString *out,
         int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

char *
pb_json_text_pretty (const char *text)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr(GString) out = NULL;
  Scan scan = { .flags = PB_JSON_CHECK_ALLOW_PLACEHOLDERS, .max_depth = MAX_DEPTH,
                .tokens = tokens };
  int depth = 0;

  if (text == NULL || !scan_text (&scan, text, strlen (text), NULL))
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);

      if (token->kind != TOKEN_PUNCT)
        {
          g_string_append_len (out, token->start, token->len);
          continue;
        }

      switch (token->start[0])
        {
        case '{':
        case '[':
          {
            const Token *next = i + 1 < tokens->len ? &g_array_index (tokens, Token, i + 1) : NULL;

            g_string_append_c (out, token->start[0]);
            if (next != NULL && next->kind == TOKEN_PUNCT
                && next->start[0] == (token->start[0] == '{' ? '}' : ']'))
              {
                g_string_append_c (out, next->start[0]);
                i++;
              }
            else
              newline (out, ++depth);
          }
          break;

        case '}':
        case ']':
          newline (out, --depth);
          g_string_append_c (out, token->start[0]);
          break;

        case ',':
          g_string_append_c (out, ',');
          newline (out, depth);
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
