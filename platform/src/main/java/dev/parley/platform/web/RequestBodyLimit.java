package dev.parley.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.kernel.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Keeps every request body within its route's limit ({@link WebProperties}), so that no request can make
 * a service buffer or parse more than that: a body that declares a larger {@code Content-Length} is
 * answered {@code 413} before a byte of it is read (Tomcat then reads and drops up to its
 * {@code max-swallow-size}, 2 MB, to keep the connection, and closes it past that), and one without a length (chunked) is cut off with
 * {@link BodyTooLarge} as soon as it passes the limit while being read. Tomcat bounds none of this for
 * JSON (its {@code max-http-form-post-size} covers forms only).
 */
final class RequestBodyLimit extends OncePerRequestFilter {

    private record Family(List<PathPattern> paths, long maxBodyBytes) {
    }

    private final long defaultMaxBodyBytes;
    private final List<Family> families;
    private final ObjectMapper json;

    RequestBodyLimit(WebProperties properties, ObjectMapper json) {
        this.defaultMaxBodyBytes = properties.maxBodyBytes();
        this.families = properties.routeBodyLimits().stream()
                .map(family -> new Family(family.paths().stream().map(PathPatternParser.defaultInstance::parse).toList(),
                        family.maxBodyBytes()))
                .toList();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    /** The limit of the first family whose pattern matches the path, else the default. */
    long limitOf(HttpServletRequest request) {
        if (families.isEmpty()) {
            return defaultMaxBodyBytes;
        }
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        for (Family family : families) {
            for (PathPattern pattern : family.paths()) {
                if (pattern.matches(path)) {
                    return family.maxBodyBytes();
                }
            }
        }
        return defaultMaxBodyBytes;
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + limit + " bytes");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", ErrorCode.TOO_LARGE.name());
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request, its body readable up to {@code limit} bytes. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream body;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new CountedInput(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** A body stream that fails with {@link BodyTooLarge} once more than {@code limit} bytes came through it. */
    private static final class CountedInput extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        CountedInput(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
