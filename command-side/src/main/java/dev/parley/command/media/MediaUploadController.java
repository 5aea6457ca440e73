package dev.parley.command.media;

import dev.parley.kernel.media.ServedMedia;
import dev.parley.kernel.UserId;
import dev.parley.platform.ratelimit.LimitedRoute;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /api/media}: a signed-in user uploads one file (multipart, field {@code file}). */
@RestController
class MediaUploadController {

    private final MediaUploads uploads;

    MediaUploadController(MediaUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping(path = "/api/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @LimitedRoute("media-uploads")
    ServedMedia upload(@AuthenticationPrincipal Jwt token, @RequestParam("file") MultipartFile file)
            throws InterruptedException {
        return uploads.upload(new UserId(token.getSubject()), file);
    }
}
