FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# Dependencies first, so that a change under src/ reuses the cached download layer.
COPY pom.xml mvnw ./
COPY .mvn .mvn
RUN ./mvnw -B dependency:go-offline
COPY src src
COPY clients/js/authtoken-client.js clients/js/
RUN ./mvnw -B -DskipTests package

FROM eclipse-temurin:17-jre AS extract
WORKDIR /extract
COPY --from=build /build/target/authtoken-service-0.1.0-SNAPSHOT.jar app.jar
# Without --launcher, app.jar names its libraries in lib/ in its manifest and the JVM's own
# class loader reads them. Class data sharing archives only what the JVM's own loaders
# load, not classes that Spring Boot's launcher loads.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
# A fixed id, so that files on volumes keep a known owner across base image updates.
RUN groupadd --system --gid 10001 authtoken \
	&& useradd --system --uid 10001 --gid authtoken --home-dir /app --no-create-home \
		--shell /usr/sbin/nologin authtoken \
	&& mkdir -p /app/data \
	&& chown authtoken:authtoken /app/data
WORKDIR /app
ENV AUTHTOKEN_DATA_DIR=/app/data
# The service binds to 127.0.0.1 by default; in a container it must listen on every
# interface to be reachable through the published port.
ENV SERVER_ADDRESS=0.0.0.0
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Ordered from least to most often changed, so that a code change rebuilds only the last
# layer. The files stay owned by root, so the service cannot modify its own code.
COPY --from=extract /extract/extracted/dependencies/ ./
COPY --from=extract /extract/extracted/spring-boot-loader/ ./
COPY --from=extract /extract/extracted/snapshot-dependencies/ ./
COPY --from=extract /extract/extracted/application/ ./
# A class data sharing archive of the classes that startup loads, written by a training run
# that stops once the application context is refreshed. It starts the service in a
# throwaway data directory, so that no database or master key ends up in the image.
# bench/startup.sh runs the same steps outside Docker and measures what they save. The
# JVM ignores the archive, with a warning, if the JVM or the class path differ at run time.
RUN AUTHTOKEN_DATA_DIR=/tmp/cds-training java -XX:ArchiveClassesAtExit=application.jsa \
		-Dspring.context.exit=onRefresh -jar app.jar \
	&& rm -rf /tmp/cds-training
# Numeric, so that Kubernetes runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
# Declared after the chown, because a new named or anonymous volume takes its owner from
# this path in the image.
VOLUME /app/data
EXPOSE 8080
# wget comes with the Ubuntu-based eclipse-temurin images. Docker reserves exit code 2 and
# wget returns up to 8, hence the "|| exit 1". The port follows MANAGEMENT_SERVER_PORT or
# SERVER_PORT when either is set at run time.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
	CMD wget -q --no-proxy -O- "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}/actuator/health/readiness" \
		|| exit 1
# NOTE: this replaces the base image's entrypoint script, so its USE_SYSTEM_CA_CERTS option
# and /certificates mount have no effect in this image.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "-jar", "app.jar"]
