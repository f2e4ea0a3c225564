/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-json-reader"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "pb-json-private.h"
#include "pb-json-reader.h"

/* {{{ Checked text */

const char *
_pb_json_scan_string (const char *p,
                      const char *end,
                      gboolean   *escaped)
{
  const char *q = p + 1;

  *escaped = FALSE;
  for (;;)
    {
      while (end - q >= 8)
        {
          guint64 mask = _pb_json_quote_or_escape_mask (_pb_json_load_word (q));

          if (mask != 0)
            {
              q += _pb_json_first_flagged (mask);
              goto found;
            }
          q += 8;
        }
      while (q < end && *q != '"' && *q != '\\')
        q++;
      if (q >= end)
        return end;

    found:
      if (*q == '"')
        return q + 1;
      *escaped = TRUE;
      if (end - q <= 2)
        return end;
      q += 2;
    }
}

const char *
_pb_json_skip_value (const char *p,
                     const char *end)
{
  gboolean escaped;

  switch (*p)
    {
    case '"':
      return _pb_json_scan_string (p, end, &escaped);

    case '{':
    case '[':
      {
        guint depth = 0;

        while (p < end)
          {
            char c = *p;

            if (c == '"')
              {
                p = _pb_json_scan_string (p, end, &escaped);
                continue;
              }
            if (c == '$')
              {
                /* A placeholder: its braces are not the document's. */
                p += MAX (_pb_json_placeholder_length (p, end), 1);
                continue;
              }
            if (c == '{' || c == '[')
              depth++;
            else if (c == '}' || c == ']')
              {
                depth--;
                if (depth == 0)
                  return p + 1;
              }
            p++;
          }
        return end;
      }

    default:
      if (*p == '$')
        return p + MAX (_pb_json_placeholder_length (p, end), 1);
      while (p < end && *p != ',' && *p != '}' && *p != ']' && !_pb_json_is_ws (*p))
        p++;
      return p;
    }
}

/* g_string_append_len() without a call when there is room (a string per value). */
static inline void
buf_append (GString    *buf,
            const char *p,
            gsize       n)
{
  if (G_UNLIKELY (buf->len + n >= buf->allocated_len))
    {
      g_string_append_len (buf, p, n);
      return;
    }
  memcpy (buf->str + buf->len, p, n);
  buf->len += n;
  buf->str[buf->len] = '\0';
}

void
_pb_json_decode_string (const char *p,
                        const char *close,
                        GString    *out)
{
  const char *q = p + 1;
  const char *stop = close - 1; /* the closing quote */

  /* Most strings have no escapes: copy them whole. */
  if (stop <= q || memchr (q, '\\', stop - q) == NULL)
    {
      if (stop > q)
        buf_append (out, q, stop - q);
      return;
    }

  while (q < stop)
    {
      const char *run = q;

      while (q < stop && *q != '\\')
        q++;
      if (q > run)
        buf_append (out, run, q - run);
      if (q >= stop)
        break;

      /* An escape sequence, checked before. */
      switch (q[1])
        {
        case 'b': g_string_append_c (out, '\b'); q += 2; break;
        case 'f': g_string_append_c (out, '\f'); q += 2; break;
        case 'n': g_string_append_c (out, '\n'); q += 2; break;
        case 'r': g_string_append_c (out, '\r'); q += 2; break;
        case 't': g_string_append_c (out, '\t'); q += 2; break;
        case 'u':
          {
            gint32 unit = _pb_json_hex4 (q + 2, stop);
            gunichar c = unit;

            q += 6;
            if (_pb_json_is_surrogate (unit))
              {
                gint32 low = stop - q >= 6 && q[0] == '\\' && q[1] == 'u'
                             ? _pb_json_hex4 (q + 2, stop) : -1;

                if (_pb_json_is_high_surrogate (unit) && _pb_json_is_low_surrogate (low))
                  {
                    c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    q += 6;
                  }
                else
                  c = 0xFFFD; /* a lone one */
              }
            /* Text is NUL-terminated. */
            if (c == 0)
              c = ' ';
            g_string_append_unichar (out, c);
          }
          break;
        default: /* " \ / */
          g_string_append_c (out, q[1]);
          q += 2;
          break;
        }
    }
}

void
_pb_json_repair_escapes (char  *text,
                         gsize  length)
{
  char *end = text + length;
  char *q = text;

  /* Backslashes are only in strings. */
  while ((q = memchr (q, '\\', end - q)) != NULL)
    {
      gint32 unit;

      if (end - q < 6 || q[1] != 'u')
        {
          q += 2;
          if (q >= end)
            break;
          continue;
        }
      unit = _pb_json_hex4 (q + 2, end);
      if (_pb_json_is_high_surrogate (unit) && end - q >= 12 && q[6] == '\\' && q[7] == 'u'
          && _pb_json_is_low_surrogate (_pb_json_hex4 (q + 8, end)))
        q += 12;
      else
        {
          if (_pb_json_is_surrogate (unit))
            memcpy (q + 2, "fffd", 4);
          q += 6;
        }
      if (q >= end)
        break;
    }
}

/* }}} */

/* The cursor knows the end of the value it is on as soon as it gets there (a look-up in the
 * index for objects and arrays, a scan for the rest), so that moving on is a jump, and reading
 * a string is a copy of a known span. */

typedef struct
{
  const char *value;     /* the container's first byte */
  const char *value_end; /* after its last */
  gboolean    is_object;
} Frame;

struct _PbJsonReader
{
  const char  *data;      /* as given, byte order mark included */
  const char  *start;
  const char  *end;
  PbJsonIndex  index;

  const char  *value;     /* NULL: past the end of the container */
  const char  *value_end;
  const char  *pos;       /* where the next member or element is looked for */

  /* The member name: straight from the text when it has no escapes, else in `key_buf`. */
  const char  *key;
  gsize        key_len;
  GString     *key_buf;

  guint        depth;
  Frame        frames[PB_JSON_MAX_DEPTH];
};

/* The end of the value at p. */
static inline const char *
value_end_of (PbJsonReader *self,
              const char   *p)
{
  if (*p == '{' || *p == '[')
    {
      const char *q = _pb_json_index_skip (&self->index, p);

      if (q != NULL)
        return q;
    }
  return _pb_json_skip_value (p, self->end);
}

static inline void
set_value (PbJsonReader *self,
           const char   *p)
{
  self->value = p;
  self->value_end = value_end_of (self, p);
  self->pos = self->value_end;
}

PbJsonReader *
pb_json_reader_new (const char        *data,
                    gsize              length,
                    PbJsonCheckFlags   flags,
                    GError           **error)
{
  PbJsonReader *self;
  PbJsonIndex index;
  const char *start;
  const char *end;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_pb_json_check_indexed (data, length, flags, &index, NULL, &start, &end, error))
    return NULL;

  self = g_new (PbJsonReader, 1);
  self->data = data;
  self->start = start;
  self->end = end;
  self->index = index;
  self->key = NULL;
  self->key_len = 0;
  self->key_buf = g_string_new (NULL);
  self->depth = 0;
  set_value (self, _pb_json_skip_ws (start, end));

  return self;
}

void
pb_json_reader_free (PbJsonReader *self)
{
  if (self == NULL)
    return;

  _pb_json_index_clear (&self->index);
  g_string_free (self->key_buf, TRUE);
  g_free (self);
}

PbJsonType
pb_json_reader_get_value_type (PbJsonReader *self)
{
  if (self->value == NULL)
    return PB_JSON_NONE;

  switch (*self->value)
    {
    case 'n': return PB_JSON_NULL;
    case 't':
    case 'f': return PB_JSON_BOOLEAN;
    case '"': return PB_JSON_STRING;
    case '{': return PB_JSON_OBJECT;
    case '[': return PB_JSON_ARRAY;
    default:  return PB_JSON_NUMBER;
    }
}

guint
pb_json_reader_get_depth (PbJsonReader *self)
{
  return self->depth;
}

/* Reads the member or element at self->pos (just after "{", "[" or a value). */
static gboolean
read_next (PbJsonReader *self,
           gboolean      is_object)
{
  const char *p = _pb_json_skip_ws (self->pos, self->end);

  if (p < self->end && *p == ',')
    p = _pb_json_skip_ws (p + 1, self->end);
  if (p >= self->end || *p == '}' || *p == ']')
    {
      self->value = NULL;
      self->pos = p;
      return FALSE;
    }

  if (is_object)
    {
      gboolean escaped;
      const char *close = _pb_json_scan_string (p, self->end, &escaped);

      if (!escaped)
        {
          self->key = p + 1;
          self->key_len = close - 1 - (p + 1);
        }
      else
        {
          g_string_truncate (self->key_buf, 0);
          _pb_json_decode_string (p, close, self->key_buf);
          self->key = self->key_buf->str;
          self->key_len = self->key_buf->len;
        }
      p = _pb_json_skip_ws (close, self->end);
      p = _pb_json_skip_ws (p + 1, self->end); /* after ':' */
    }

  set_value (self, p);
  return TRUE;
}

static gboolean
start_container (PbJsonReader *self,
                 char          open)
{
  Frame *frame;

  g_return_val_if_fail (self->value != NULL && *self->value == open, FALSE);

  /* Checked text is at most PB_JSON_MAX_DEPTH deep. */
  g_assert (self->depth < PB_JSON_MAX_DEPTH);
  frame = &self->frames[self->depth++];
  frame->value = self->value;
  frame->value_end = self->value_end;
  frame->is_object = open == '{';

  self->key = NULL;
  self->key_len = 0;
  self->pos = self->value + 1;
  return read_next (self, frame->is_object);
}

gboolean
pb_json_reader_start_object (PbJsonReader *self)
{
  return start_container (self, '{');
}

gboolean
pb_json_reader_start_array (PbJsonReader *self)
{
  return start_container (self, '[');
}

gboolean
pb_json_reader_next (PbJsonReader *self)
{
  if (self->depth == 0 || self->value == NULL)
    {
      self->value = NULL;
      return FALSE;
    }

  return read_next (self, self->frames[self->depth - 1].is_object);
}

void
pb_json_reader_end (PbJsonReader *self)
{
  Frame *frame;

  g_return_if_fail (self->depth > 0);

  frame = &self->frames[--self->depth];
  self->value = frame->value;
  self->value_end = frame->value_end;
  self->pos = frame->value_end;
  self->key = NULL;
  self->key_len = 0;
}

char *
pb_json_reader_dup_member_name (PbJsonReader *self)
{
  if (self->key == NULL)
    return NULL;

  return g_strndup (self->key, self->key_len);
}

gboolean
pb_json_reader_member_is (PbJsonReader *self,
                          const char   *name,
                          gssize        length)
{
  gsize len = length < 0 ? strlen (name) : (gsize)length;

  if (self->key == NULL || self->key_len != len)
    return FALSE;

  /* Member names are short: a call of memcmp() costs more than the loop. */
  for (gsize i = 0; i < len; i++)
    if (self->key[i] != name[i])
      return FALSE;
  return TRUE;
}

gboolean
pb_json_reader_append_string (PbJsonReader *self,
                              GString      *out)
{
  if (self->value == NULL || *self->value != '"')
    return FALSE;

  _pb_json_decode_string (self->value, self->value_end, out);
  return TRUE;
}

char *
pb_json_reader_dup_string (PbJsonReader *self)
{
  GString *out;

  if (self->value == NULL || *self->value != '"')
    return NULL;

  out = g_string_sized_new (self->value_end - self->value);
  _pb_json_decode_string (self->value, self->value_end, out);
  return g_string_free (out, FALSE);
}

gboolean
pb_json_reader_get_boolean (PbJsonReader *self,
                            gboolean     *out)
{
  if (self->value == NULL || (*self->value != 't' && *self->value != 'f'))
    return FALSE;

  *out = *self->value == 't';
  return TRUE;
}

static gboolean
double_to_int64 (double  d,
                 gint64 *out)
{
  if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == (double)(gint64)d)
    {
      *out = (gint64)d;
      return TRUE;
    }
  return FALSE;
}

gboolean
pb_json_reader_get_int64 (PbJsonReader *self,
                          gint64       *out)
{
  const char *p = self->value;
  gsize len;
  char buf[64];
  char *endptr = NULL;
  gboolean integral = TRUE;

  if (pb_json_reader_get_value_type (self) != PB_JSON_NUMBER)
    return FALSE;

  len = self->value_end - p;
  if (len >= sizeof buf)
    {
      /* A very long number: only a double can hold it. */
      g_autofree char *copy = g_strndup (p, len);

      return double_to_int64 (g_ascii_strtod (copy, NULL), out);
    }

  memcpy (buf, p, len);
  buf[len] = '\0';
  for (gsize i = 0; i < len; i++)
    if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E')
      integral = FALSE;

  if (integral)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (buf, &endptr, 10);
      if (errno == 0 && endptr == buf + len)
        {
          *out = v;
          return TRUE;
        }
      return FALSE;
    }

  return double_to_int64 (g_ascii_strtod (buf, &endptr), out);
}

void
pb_json_reader_append_compact (PbJsonReader *self,
                               GString      *out)
{
  const char *p = self->value;
  const char *end = self->value_end;
  gsize start;
  char *w;

  if (p == NULL)
    return;

  /* Nothing to take out when the document has no white space between its tokens. */
  if (!self->index.spaced || (*p != '{' && *p != '['))
    {
      start = out->len;
      g_string_append_len (out, p, end - p);
      if (G_UNLIKELY (self->index.lone_surrogates))
        _pb_json_repair_escapes (out->str + start, out->len - start);
      return;
    }

  start = out->len;
  g_string_set_size (out, start + (end - p));
  w = out->str + start;

  while (p < end)
    {
      if (*p == '"')
        {
          gboolean escaped;
          const char *q = _pb_json_scan_string (p, end, &escaped);

          memcpy (w, p, q - p);
          w += q - p;
          p = q;
        }
      else if (_pb_json_is_ws (*p))
        p++;
      else
        *w++ = *p++;
    }

  g_string_truncate (out, w - out->str);
  if (G_UNLIKELY (self->index.lone_surrogates))
    _pb_json_repair_escapes (out->str + start, out->len - start);
}

gboolean
pb_json_reader_get_value_span (PbJsonReader *self,
                               PbTextSpan   *span)
{
  if (self->value == NULL)
    return FALSE;

  span->start = self->value - self->data;
  span->end = self->value_end - self->data;
  return TRUE;
}
