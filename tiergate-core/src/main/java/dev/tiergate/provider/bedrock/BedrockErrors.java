package dev.tiergate.provider.bedrock;

import dev.tiergate.provider.ProviderException;
import dev.tiergate.provider.ProviderException.Kind;
import dev.tiergate.provider.http.ErrorMessages;
import dev.tiergate.provider.http.RetryAfter;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Classifies AWS SDK failures. The SDK's exception types say more than the status: ModelNotReadyException is a
 * 429 that means "try again later on the server side", not "you are sending too much", so the type decides the
 * kind and the status is only reported.
 */
final class BedrockErrors {
    private BedrockErrors() {}

    static ProviderException classify(Throwable failure, String endpointName) {
        Throwable cause = unwrap(failure);
        if (cause instanceof AwsServiceException aws) {
            return service(aws, endpointName);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            // netty's ConnectTimeoutException extends ConnectException, so it has to be recognised first
            if (t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return new ProviderException(Kind.TIMEOUT_CONNECT, endpointName + ": connect timed out", cause);
            }
            if (t instanceof ConnectException) {
                return new ProviderException(Kind.CONNECT, endpointName + ": cannot connect: " + t.getMessage(), cause);
            }
        }
        return new ProviderException(Kind.PROTOCOL, endpointName + ": " + cause.getMessage(), cause);
    }

    private static ProviderException service(AwsServiceException aws, String endpointName) {
        Kind kind = switch (aws) {
            case ThrottlingException e -> Kind.RATE_LIMITED;
            case ServiceUnavailableException e -> Kind.SERVER_ERROR;
            case InternalServerException e -> Kind.SERVER_ERROR;
            case ModelNotReadyException e -> Kind.SERVER_ERROR;
            case ModelTimeoutException e -> Kind.SERVER_ERROR;
            case ModelErrorException e -> Kind.SERVER_ERROR;
            case ModelStreamErrorException e -> Kind.SERVER_ERROR;
            case ValidationException e -> Kind.CLIENT_ERROR;
            case AccessDeniedException e -> Kind.CLIENT_ERROR;
            case ResourceNotFoundException e -> Kind.CLIENT_ERROR;
            default -> ProviderException.http(status(aws, 500), "", null).kind();
        };
        AwsErrorDetails details = aws.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? aws.getClass().getSimpleName() : details.errorCode();
        String message = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        Duration retryAfter = details == null || details.sdkHttpResponse() == null ? null
                : RetryAfter.parse(details.sdkHttpResponse()::firstMatchingHeader).orElse(null);
        return new ProviderException(kind, status(aws, defaultStatus(kind)),
                endpointName + ": " + code + (message.isEmpty() ? "" : ": " + ErrorMessages.redact(message)),
                retryAfter, false, aws);
    }

    /** Exceptions raised inside an event stream carry no HTTP status of their own. */
    private static int status(AwsServiceException aws, int fallback) {
        return aws.statusCode() >= 400 ? aws.statusCode() : fallback;
    }

    private static int defaultStatus(Kind kind) {
        return switch (kind) {
            case RATE_LIMITED -> 429;
            case CLIENT_ERROR -> 400;
            default -> 500;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
