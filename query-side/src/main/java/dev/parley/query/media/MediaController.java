package dev.parley.query.media;

import dev.parley.kernel.ErrorCode;
import dev.parley.kernel.Ids;
import dev.parley.kernel.InvalidInput;
import dev.parley.kernel.MediaId;
import dev.parley.kernel.Refused;
import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.LimitedRoute;
import dev.parley.platform.s3.MediaUrlProperties;
import dev.parley.platform.s3.PresignedMediaUrls;
import dev.parley.readmodel.media.MediaAccess;
import dev.parley.readmodel.media.StoredMedia;
import java.net.URI;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stable media routes: {@code 302} to a URL of the object (or its thumbnail) signed now, for whoever
 * {@link MediaAccess} lets fetch it; the same {@code 404} for everyone else as for an unknown id, so that
 * a media id reveals nothing to those who may not see it. The redirect is private (it is answered per
 * user) and may be cached a little less long than its URL lives; the objects themselves carry long-lived
 * immutable cache headers, set when they are stored.
 */
@RestController
class MediaController {

    private final MediaAccess access;
    private final PresignedMediaUrls urls;
    private final CacheControl redirectCaching;

    MediaController(MediaAccess access, PresignedMediaUrls urls, MediaUrlProperties properties) {
        this.access = access;
        this.urls = urls;
        this.redirectCaching = CacheControl.maxAge(properties.redirectMaxAge()).cachePrivate();
    }

    @GetMapping("/api/media/{id}")
    @LimitedRoute("media-reads")
    ResponseEntity<Void> object(@AuthenticationPrincipal Jwt token, @PathVariable("id") String id) {
        return redirect(token, id, media -> media.attachment().objectKey());
    }

    @GetMapping("/api/media/{id}/thumbnail")
    @LimitedRoute("media-reads")
    ResponseEntity<Void> thumbnail(@AuthenticationPrincipal Jwt token, @PathVariable("id") String id) {
        return redirect(token, id, media -> media.attachment().thumbnailKey());
    }

    private ResponseEntity<Void> redirect(Jwt token, String id, Function<StoredMedia, String> keyOf) {
        // A string past the ids' length is refused 400 as on every route (the limit is public); any other id
        // that is no media's, malformed or unknown or not the requester's, gets the same 404.
        InvalidInput.requireLength("id", id, 1, Ids.MAX_LENGTH);
        MediaId media;
        try {
            media = new MediaId(id);
        } catch (InvalidInput malformed) {
            throw notFound(id);
        }
        String key = access.servable(media, new UserId(token.getSubject())).map(keyOf).orElse(null);
        if (key == null) {
            throw notFound(id);
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(urls.freshGet(key)))
                .cacheControl(redirectCaching).build();
    }

    private static Refused notFound(String id) {
        return new Refused(ErrorCode.NOT_FOUND, "no media " + id);
    }
}
